package org.loyalty.api.error;

/** No member has this id. */
public class UnknownMemberException extends NotFoundException {

    public UnknownMemberException(String memberId) {
        super("memberId", "No member with id " + memberId);
    }
}
