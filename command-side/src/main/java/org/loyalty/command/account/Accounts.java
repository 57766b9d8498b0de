package org.loyalty.command.account;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.command.NewAggregates;
import org.loyalty.command.schedule.DueWorkSchedule;
import org.loyalty.rules.program.LoyaltyProgram;

/**
 * Every change to an account goes through here: load it, let it decide at the clock's now, then
 * write down when it next has something due (expiry, re-qualification, birthday) in the same
 * transaction as its events, so that the schedule survives restarts and is never out of step.
 */
public final class Accounts {

    private final Repository<MemberAccount> repository;
    private final DueWorkSchedule schedule;
    private final LoyaltyProgram program;
    private final Clock clock;

    public Accounts(Repository<MemberAccount> repository, DueWorkSchedule schedule, LoyaltyProgram program, Clock clock) {
        this.repository = repository;
        this.schedule = schedule;
        this.program = program;
        this.clock = clock;
    }

    public void open(EnrollMember enrollment) {
        Instant now = clock.instant();
        Aggregate<MemberAccount> account = NewAggregates.create(repository, () -> new MemberAccount(enrollment, program, now),
                "the account of member " + enrollment.memberId());
        schedule.dueAt(enrollment.memberId(), account.invoke(a -> a.nextDueAt(program, now)));
    }

    /**
     * Applies {@code change} to the member's account at the current instant and reschedules its due
     * work. Overdue work (the scheduler lags, or was down) is done first: a purchase must not rescue
     * points whose expiry has passed, nor earn at a tier whose status has lapsed.
     */
    public <R> R update(String memberId, BiFunction<MemberAccount, Instant, R> change) {
        Instant now = clock.instant();
        Aggregate<MemberAccount> account = load(memberId);
        account.execute(a -> {
            Instant due = a.nextDueAt(program, now);
            if (due != null && !due.isAfter(now)) {
                a.processDueWork(program, now);
            }
        });
        R result = account.invoke(a -> change.apply(a, now));
        schedule.dueAt(memberId, account.invoke(a -> a.nextDueAt(program, now)));
        return result;
    }

    /**
     * Whether the member exists (on the write side, so a member enrolled a moment ago counts). The
     * stream must be an account's: the id of another aggregate (a rule's) loads as an account with no id.
     */
    public boolean exists(String memberId) {
        try {
            return memberId.equals(repository.load(memberId).invoke(MemberAccount::memberId));
        } catch (AggregateNotFoundException e) {
            return false;
        }
    }

    public LoyaltyProgram program() {
        return program;
    }

    private Aggregate<MemberAccount> load(String memberId) {
        try {
            return repository.load(memberId);
        } catch (AggregateNotFoundException e) {
            throw new UnknownMemberException(memberId);
        }
    }
}
