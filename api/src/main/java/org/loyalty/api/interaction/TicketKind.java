package org.loyalty.api.interaction;

/**
 * What a ticket was opened by. Support requests and complaints are both tickets: each stays open
 * until a {@link SupportRequestResolved} names it, which is how a complaint is closed.
 */
public enum TicketKind {
    SUPPORT_REQUEST,
    COMPLAINT
}
