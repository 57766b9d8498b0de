package org.loyalty.command.adjustment;

import java.time.LocalDate;

/**
 * How many points each staff member may still adjust per day, across all members. Consumed in the
 * adjusting command's transaction, so concurrent adjustments never pass the limit together.
 */
public interface StaffAdjustmentAllowance {

    /** Adds {@code points} to the staff member's total of {@code day} unless that passes {@code limit}; false then. */
    boolean consume(String staffId, LocalDate day, long points, long limit);
}
