package org.loyalty.api.interaction;

import java.util.List;

/** A page of a member's timeline, newest first; {@code nextCursor} is null on the last page. */
public record TimelinePage(String memberId, List<TimelineEntry> entries, Long nextCursor) {

    public TimelinePage {
        entries = List.copyOf(entries);
    }
}
