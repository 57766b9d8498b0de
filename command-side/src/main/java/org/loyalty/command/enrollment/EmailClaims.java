package org.loyalty.command.enrollment;

/** One member per email address, decided in the enrolling command's database transaction. */
public interface EmailClaims {

    /** Claims the address for the member; false when another member holds it already. */
    boolean claim(String normalizedEmail, String memberId);
}
