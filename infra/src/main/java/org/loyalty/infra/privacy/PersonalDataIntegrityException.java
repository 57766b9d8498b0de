package org.loyalty.infra.privacy;

/** An encrypted personal field failed authentication: altered, or moved from another member or field. */
public class PersonalDataIntegrityException extends IllegalStateException {

    PersonalDataIntegrityException(String memberId, String field, Throwable cause) {
        super("personal field '" + field + "' of member " + memberId + " fails authentication (altered, or another member's)", cause);
    }
}
