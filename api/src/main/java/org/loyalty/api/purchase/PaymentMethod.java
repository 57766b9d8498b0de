package org.loyalty.api.purchase;

/** How a purchase was paid. The program's own stored-value card earns extra in later tiers of the program. */
public enum PaymentMethod {
    CASH,
    CARD,
    STORED_VALUE_CARD,
    MOBILE_WALLET,
    GIFT_CARD,
    OTHER
}
