package org.loyalty.infra.axon;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the instants the event store keeps as text: the {@code timestamp} column, which Axon writes as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, and the instants inside the events' JSON, which Jackson writes as
 * {@link Instant#toString()} does (no fraction, or 3, 6 or 9 digits of it). Both are otherwise parsed with a
 * {@code DateTimeFormatter} each time an event is read: Axon's column twice per event, 12% of the application's
 * CPU in a replay (bench/NOTES.md item 18); Jackson's instants 14% of a replay's processor threads (item 39).
 * The UTC shape is read here digit by digit; anything else (another offset, a year past 9999, an hour 24 or a
 * leap second) goes to the formatter, so every stored value reads as before. The request bodies' timestamps
 * ({@code occurredAt} of a purchase, read by the web layer's Jackson) take the same {@link #parseUtc} first: a third of
 * decoding a purchase's body went to the formatter (bench/NOTES.md item 61).
 */
public final class StoredTimestamps {

    private static final int SHORTEST = "2026-01-31T12:00:00Z".length();
    private static final int LONGEST = "2026-01-31T12:00:00.123456789Z".length();
    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private StoredTimestamps() {
    }

    /** Axon's {@code timestamp} column. */
    static Instant parse(String text) {
        Instant fast = parseUtc(text);
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /**
     * The instant {@code yyyy-MM-ddTHH:mm:ss[.f]Z} (one to nine digits of fraction) names, or null when
     * {@code text} has another shape or a value outside the plain ranges (then a formatter decides).
     */
    public static Instant parseUtc(String text) {
        int length = text.length();
        if (length < SHORTEST || length > LONGEST || length == SHORTEST + 1 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || (length > SHORTEST && text.charAt(19) != '.')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int fractionDigits = length > SHORTEST ? length - SHORTEST - 1 : 0;
        int fraction = fractionDigits > 0 ? digits(text, 20, fractionDigits) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0) {
            return null;
        }
        LocalDate firstOfMonth = LocalDate.of(year, month, 1);
        if (day > firstOfMonth.lengthOfMonth()) {
            return null;
        }
        long epochDay = firstOfMonth.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                (long) fraction * NANOS_PER_DIGIT[fractionDigits]);
    }

    /** The number written by {@code count} ASCII digits from {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
