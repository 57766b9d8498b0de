package org.loyalty.infra.privacy;

import javax.crypto.SecretKey;

/** What the key store knows of a member's data key. */
sealed interface SubjectKey {

    /** The member's key: their personal fields can be read and written. */
    record Live(SecretKey key) implements SubjectKey {
    }

    /** Destroyed by an erasure: personal fields read as null and are no longer written. */
    record Erased() implements SubjectKey {
    }

    /** Never created: the member has no encrypted field (only plaintext written before encryption existed). */
    record None() implements SubjectKey {
    }
}
