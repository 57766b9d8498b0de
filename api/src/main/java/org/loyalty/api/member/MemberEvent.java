package org.loyalty.api.member;

/**
 * Every fact stored on a member's account stream. Not sealed: the events live in their feature
 * packages, and Java only seals across packages inside a named module.
 */
public interface MemberEvent {
    String memberId();
}
