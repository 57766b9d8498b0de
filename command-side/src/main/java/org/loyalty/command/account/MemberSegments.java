package org.loyalty.command.account;

import java.util.Set;

/**
 * The segments a member belongs to, for rules that target segments or read {@code member.segments}.
 * They come from the retention analytics (the member's RFM segment at the newest scoring), so they
 * lag purchases until the next refit: right for marketing targets, and the points a purchase earns
 * are recorded with the rules that gave them, so nothing is ever recomputed from a later segment.
 */
@FunctionalInterface
public interface MemberSegments {

    MemberSegments NONE = memberId -> Set.of();

    Set<String> of(String memberId);
}
