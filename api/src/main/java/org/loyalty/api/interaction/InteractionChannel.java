package org.loyalty.api.interaction;

/** Where a member got in touch with the business, or the business with the member. */
public enum InteractionChannel {
    IN_STORE,
    PHONE,
    EMAIL,
    SMS,
    CHAT,
    SOCIAL,
    FORUM,
    APP
}
