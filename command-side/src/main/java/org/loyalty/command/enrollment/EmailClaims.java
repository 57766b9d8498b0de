package org.loyalty.command.enrollment;

/** One member per email address, decided in the enrolling command's database transaction. */
public interface EmailClaims {

    /** Claims the address for the member; false when another member holds it already. */
    boolean claim(String normalizedEmail, String memberId);

    /** Gives up the member's address (erasure): nothing links it to the member any more, and it may enroll again. */
    void release(String memberId);
}
