package org.loyalty.infra.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one form a till sends, {@code 2026-03-01T09:30:00Z} with or without a fraction of up to nine digits,
 * digit by digit. Jackson reads every timestamp with a {@code DateTimeFormatter}, a third of decoding a purchase's
 * body on the event loop (bench/NOTES.md item 61). Anything else (an offset, a lower-case {@code z}, a year past
 * 9999, hour 24, a leap second, a date that does not exist) gets null, and Jackson's own reading decides, so the
 * answers and the errors stay Jackson's ({@code UtcInstantParserTest} checks the two against each other).
 */
final class UtcInstantParser {

    private UtcInstantParser() {
    }

    /** The instant {@code text} names, or null when it is not in the form read here. */
    static Instant parseOrNull(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
        int hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
        int nanos = 0;
        if (length > 20) {
            if (text.charAt(19) != '.') {
                return null;
            }
            int fraction = digits(text, 20, length - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = length - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDate) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** {@code count} decimal digits from {@code from} as a number, or -1 when one of them is not a digit. */
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
