package org.loyalty.command.privacy;

import java.time.Instant;

/** Destroys a member's data key, in the erasing command's transaction: their encrypted personal data becomes unreadable for good. */
public interface DataKeyShredder {

    void destroy(String memberId, Instant at);
}
