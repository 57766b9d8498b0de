package org.loyalty.command.schedule;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fake of {@link DueWorkSchedule}: remembers the last due instant written for each account
 * (null removes the account, as {@link JdbcDueWorkSchedule} deletes its row), so that tests can
 * assert what the account said it next has to do.
 */
public final class InMemoryDueWorkSchedule implements DueWorkSchedule {

    private final Map<String, Instant> dueAtByMember = new ConcurrentHashMap<>();
    private final Map<String, Integer> writes = new ConcurrentHashMap<>();

    @Override
    public void dueAt(String memberId, Instant dueAt) {
        writes.merge(memberId, 1, Integer::sum);
        if (dueAt == null) {
            dueAtByMember.remove(memberId);
        } else {
            dueAtByMember.put(memberId, dueAt);
        }
    }

    @Override
    public List<String> dueBy(Instant now, int limit) {
        return dueAtByMember.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The last due instant written for the member; empty when nothing is due (or nothing was written). */
    public Optional<Instant> dueAt(String memberId) {
        return Optional.ofNullable(dueAtByMember.get(memberId));
    }

    /** Whether the account ever wrote its due work (even "nothing due"). */
    public boolean wasWritten(String memberId) {
        return writes.containsKey(memberId);
    }
}
