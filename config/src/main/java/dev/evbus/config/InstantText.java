package dev.evbus.config;

import java.time.Instant;

/**
 * {@link Instant#toString()} and {@link Instant#parse} without {@code java.time.format}: the
 * JDK's versions build {@code DateTimeFormatter.ISO_INSTANT}, whose first use loads ~65 classes
 * (formatter, printer-parsers, chronology, fields), and a bus writes a timestamp in its PID file
 * and on every {@code bus.log} line. Without a class-data-sharing archive (the bus runs without
 * one, see {@code BusLaunch}) each loaded class costs resident metadata for the bus's whole life.
 *
 * <p>Exact by construction: for years 0000 to 9999 the text is built here with civil-from-days
 * arithmetic and is byte for byte what {@code Instant.toString} writes ({@code
 * yyyy-MM-ddTHH:mm:ssZ}, with the fraction in groups of three digits as long as the nanoseconds
 * need); outside that range both methods defer to the JDK. Parsing accepts only text this class
 * would write for the value it reads, and hands anything else to {@code Instant.parse}, so both
 * accept and reject the same texts with the same result.
 */
public final class InstantText {
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: four-digit years, no sign. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long LAST_SECOND = 253_402_300_799L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01, the start of the arithmetic's era, to 1970-01-01. */
    private static final long EPOCH_DAY_SHIFT = 719_468;
    private static final int DAYS_PER_ERA = 146_097;

    private InstantText() {
    }

    /** What {@code instant.toString()} returns. */
    public static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(30);
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        appendDate(text, day);
        text.append('T');
        digits(text, secondOfDay / 3600, 2).append(':');
        digits(text, secondOfDay / 60 % 60, 2).append(':');
        digits(text, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano > 0) {
            text.append('.');
            if (nano % 1_000_000 == 0) {
                digits(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(text, nano / 1_000, 6);
            } else {
                digits(text, nano, 9);
            }
        }
        return text.append('Z').toString();
    }

    /** What {@code Instant.parse(text)} returns, or throws what it throws. */
    public static Instant parse(CharSequence text) {
        Instant read = read(text);
        if (read != null && format(read).contentEquals(text)) {
            return read;
        }
        return Instant.parse(text);
    }

    /** Civil-from-days (H. Hinnant's algorithm): the proleptic Gregorian date of an epoch day. */
    private static void appendDate(StringBuilder text, long epochDay) {
        long z = epochDay + EPOCH_DAY_SHIFT;
        long era = Math.floorDiv(z, DAYS_PER_ERA);
        long dayOfEra = z - era * DAYS_PER_ERA;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100); // from March 1st
        long monthFromMarch = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthFromMarch + 2) / 5 + 1);
        int month = (int) (monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        digits(text, (int) year, 4).append('-');
        digits(text, month, 2).append('-');
        digits(text, day, 2);
    }

    /** Days-from-civil, the inverse of {@link #appendDate}. */
    private static long epochDay(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return (long) era * DAYS_PER_ERA + dayOfEra - EPOCH_DAY_SHIFT;
    }

    /**
     * The instant {@code yyyy-MM-ddTHH:mm:ss[.fff[fff[fff]]]Z} names if the fields were taken at
     * face value, or null when the text has another shape. Out-of-range fields (month 13) give
     * some instant whose formatted text differs, which {@link #parse} then hands to the JDK.
     */
    static Instant read(CharSequence text) {
        int length = text.length();
        int fraction = length - 21; // digits after the dot; -1 when there is no dot
        if (length < 20 || text.charAt(length - 1) != 'Z' || !(fraction == -1 || fraction == 3
                || fraction == 6 || fraction == 9) || (fraction > 0 && text.charAt(19) != '.')
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        int nano = fraction > 0 ? number(text, 20, fraction) : 0;
        if ((year | month | day | hour | minute | second | nano) < 0) {
            return null;
        }
        for (int digits = fraction; digits > 0 && digits < 9; digits++) {
            nano *= 10;
        }
        long seconds = epochDay(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nano);
    }

    /** The decimal number in {@code count} ASCII digits from {@code start}, or -1 if one is not a digit. */
    private static int number(CharSequence text, int start, int count) {
        int value = 0;
        for (int i = start; i < start + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int pad = width - digits.length(); pad > 0; pad--) {
            text.append('0');
        }
        return text.append(digits);
    }
}
