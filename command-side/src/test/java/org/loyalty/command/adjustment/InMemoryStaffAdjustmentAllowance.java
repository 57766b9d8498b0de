package org.loyalty.command.adjustment;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fake of {@link StaffAdjustmentAllowance}: per staff member and day, the points adjusted so far;
 * a consumption that would pass the limit is refused and changes nothing (as the JDBC one does).
 * Unlike the JDBC allowance it is not rolled back with a failed command.
 */
public final class InMemoryStaffAdjustmentAllowance implements StaffAdjustmentAllowance {

    private record Key(String staffId, LocalDate day) {
    }

    private final Map<Key, Long> used = new ConcurrentHashMap<>();

    @Override
    public synchronized boolean consume(String staffId, LocalDate day, long points, long limit) {
        Key key = new Key(staffId, day);
        long after = used.getOrDefault(key, 0L) + points;
        if (after > limit) {
            return false;
        }
        used.put(key, after);
        return true;
    }

    public long used(String staffId, LocalDate day) {
        return used.getOrDefault(new Key(staffId, day), 0L);
    }
}
