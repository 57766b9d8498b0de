package org.loyalty.api.privacy;

/** The member's right to erasure: destroy their personal data, keep the account's numbers. */
public record ErasePersonalData(String memberId) {
}
