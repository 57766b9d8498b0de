package org.loyalty.rules.birthday;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The birthday reward's window: it opens at the start of the birthday (in the program's zone) and
 * lasts the tier's number of days. A 29 February birthday opens on 28 February in other years.
 *
 * @param year the year whose birthday this is; a reward is issued once per year
 */
public record BirthdayWindow(int year, Instant opens, Instant closes) {

    public static BirthdayWindow of(LocalDate birthday, int year, int days, ZoneId zone) {
        LocalDate day = MonthDay.from(birthday).atYear(year);
        return new BirthdayWindow(year, day.atStartOfDay(zone).toInstant(), day.plusDays(days).atStartOfDay(zone).toInstant());
    }

    /**
     * The window open at {@code now} whose reward was not issued yet. Last year's window counts too:
     * a 30-day window opened on 20 December is still open in January.
     */
    public static Optional<BirthdayWindow> openAt(LocalDate birthday, Integer lastIssuedYear, int days, Instant now, ZoneId zone) {
        int year = now.atZone(zone).getYear();
        for (int y = year - 1; y <= year; y++) {
            BirthdayWindow window = of(birthday, y, days, zone);
            boolean issued = lastIssuedYear != null && lastIssuedYear >= y;
            if (!issued && window.contains(now)) {
                return Optional.of(window);
            }
        }
        return Optional.empty();
    }

    /** When the next window not yet rewarded opens, strictly after {@code now}. */
    public static Instant nextOpening(LocalDate birthday, Integer lastIssuedYear, int days, Instant now, ZoneId zone) {
        int year = now.atZone(zone).getYear();
        for (int y = year; ; y++) {
            BirthdayWindow window = of(birthday, y, days, zone);
            boolean issued = lastIssuedYear != null && lastIssuedYear >= y;
            if (!issued && window.opens().isAfter(now)) {
                return window.opens();
            }
        }
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(opens) && instant.isBefore(closes);
    }
}
