package org.loyalty.infra.privacy;

/** The members' data keys, one AES-256 key per member. */
interface DataKeys {

    /** The member's key for writing, created (in the caller's transaction) on first use; Erased after an erasure. */
    SubjectKey forWriting(String memberId);

    /** The member's key for reading; never creates one. */
    SubjectKey forReading(String memberId);

    /** For reading, past this node's cache: a key another node created a moment ago. */
    SubjectKey refresh(String memberId);

    /** This node learnt that the member was erased: stop using any key of theirs it remembers. */
    void forgetErased(String memberId);
}
