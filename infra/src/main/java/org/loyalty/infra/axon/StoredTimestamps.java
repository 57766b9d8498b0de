package org.loyalty.infra.axon;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the text the event store keeps in {@code timestamp}. Axon writes every event's time as
 * {@code yyyy-MM-ddTHH:mm:ss.SSSZ} and parses it back with a {@code DateTimeFormatter} each time a
 * message is built, twice per event read: that parsing was 12% of the application's CPU in a replay
 * (bench/NOTES.md item 18). The fixed shape is read here digit by digit; anything else (another
 * offset, another precision, a year past 9999) goes to Axon's parser, so every stored value reads as
 * before.
 */
final class StoredTimestamps {

    private static final int SHAPE_LENGTH = "2026-01-31T12:00:00.000Z".length();

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        Instant fast = text.length() == SHAPE_LENGTH ? parseFixedShape(text) : null;
        return fast != null ? fast : DateTimeUtils.parseInstant(text);
    }

    /** The instant, or null when {@code text} is not exactly in Axon's shape (then the slow parser decides). */
    private static Instant parseFixedShape(String text) {
        if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return null;
        }
        LocalDate firstOfMonth = LocalDate.of(year, month, 1);
        if (day > firstOfMonth.lengthOfMonth()) {
            return null;
        }
        long epochDay = firstOfMonth.toEpochDay() + day - 1;
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, millis * 1_000_000L);
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
