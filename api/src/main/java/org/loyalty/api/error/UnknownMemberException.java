package org.loyalty.api.error;

/** No member has this id. */
public class UnknownMemberException extends RuntimeException {

    private final String memberId;

    public UnknownMemberException(String memberId) {
        super("No member with id " + memberId);
        this.memberId = memberId;
    }

    public String memberId() {
        return memberId;
    }
}
