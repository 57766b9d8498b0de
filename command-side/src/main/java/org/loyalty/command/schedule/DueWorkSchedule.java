package org.loyalty.command.schedule;

import java.time.Instant;
import java.util.List;

/**
 * When each account next has time-driven work (points to expire, a tier to re-qualify, a birthday
 * reward). Written in the command's transaction; read by the platform's scheduler, which sends
 * {@code ProcessDueWork} for every account whose time has come on the injected clock.
 */
public interface DueWorkSchedule {

    /** Records the next due instant of the account; null: nothing is ever due. */
    void dueAt(String memberId, Instant dueAt);

    /** Accounts due at or before {@code now}, earliest first. */
    List<String> dueBy(Instant now, int limit);
}
