package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {
    private static final long YEAR_0000 = LocalDate.of(0, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    private static final long YEAR_10000 = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    /** Nanoseconds of each width Instant.toString writes: none, 3, 6 and 9 digits, and their extremes. */
    private static final int[] NANOS = {0, 1, 999_999_999, 1_000, 999_999_000, 1_000_000, 999_000_000, 123_456_789,
            120_000_000, 100_000};

    @Test
    void formatWritesWhatInstantToStringWritesForEdgeDates() {
        for (Instant instant : edges()) {
            assertEquals(instant.toString(), InstantText.format(instant));
        }
    }

    @Test
    void formatWritesWhatInstantToStringWritesForRandomInstants() {
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 200_000; i++) {
            Instant instant = randomInstant(random);
            assertEquals(instant.toString(), InstantText.format(instant));
        }
    }

    @Test
    void formatWritesWhatInstantToStringWritesForRandomMillisAroundNow() {
        SplittableRandom random = new SplittableRandom(7);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(now + random.nextLong(-(1L << 42), 1L << 42));
            assertEquals(instant.toString(), InstantText.format(instant));
        }
    }

    @Test
    void parseReadsBackEveryFormattedInstant() {
        SplittableRandom random = new SplittableRandom(8);
        List<Instant> instants = new ArrayList<>(edges());
        for (int i = 0; i < 100_000; i++) {
            instants.add(randomInstant(random));
        }
        for (Instant instant : instants) {
            assertEquals(instant, InstantText.parse(instant.toString()));
        }
    }

    @Test
    void parseReadsFourDigitYearsItselfWithoutTheJdkFormatter() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = randomInstant(random);
            long second = instant.getEpochSecond();
            if (second >= YEAR_0000 && second < YEAR_10000) {
                assertEquals(instant, InstantText.read(instant.toString()), instant.toString());
            }
        }
    }

    @Test
    void parseAcceptsAndRejectsWhatInstantParseDoes() {
        String[] texts = {"2025-03-04T05:06:07.891Z", "2025-03-04T05:06:07Z", "2025-03-04t05:06:07z",
                "2025-03-04T05:06:07.8Z", "2025-03-04T05:06:07.8910Z", "2025-03-04T05:06:07.891000Z",
                "2025-03-04T05:06:07.891000000Z", "2025-03-04T05:06Z", "2025-03-04T05:06:07+01:00",
                "+12025-03-04T05:06:07Z", "-0001-03-04T05:06:07Z", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
                "2100-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-01T00:00:00Z", "2025-04-31T00:00:00Z",
                "2025-01-01T24:00:00Z", "2025-01-01T23:60:00Z", "2025-01-01T23:59:60Z", "2025-01-01T23:59:59.Z",
                "2025-01-01 23:59:59Z", "2025-01-01T23:59:5aZ", "2025-1-01T23:59:59Z", "", "Z", "not a time",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-03-04T05:06:07.891Z\n"};
        for (String text : texts) {
            assertEquals(jdkParse(text), ours(text), text);
        }
    }

    private static List<Instant> edges() {
        List<Instant> edges = new ArrayList<>();
        long[] seconds = {0, -1, 1, 86_399, 86_400, YEAR_0000, YEAR_0000 - 1, YEAR_10000 - 1, YEAR_10000,
                Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()};
        for (long second : seconds) {
            for (int nano : NANOS) {
                edges.add(Instant.ofEpochSecond(second, nano));
            }
        }
        // around leap days and century years, including 1900 and 2100 (not leap) and 2000 and 2400 (leap)
        int[] years = {0, 1, 4, 100, 400, 1582, 1899, 1900, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9999};
        for (int year : years) {
            for (LocalDate day : List.of(LocalDate.of(year, 1, 1), LocalDate.of(year, 2, 28), LocalDate.of(year, 3, 1),
                    LocalDate.of(year, 12, 31))) {
                long start = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
                for (long second : new long[] {start - 1, start, start + 86_399, start + 86_400}) {
                    edges.add(Instant.ofEpochSecond(second, 0));
                    edges.add(Instant.ofEpochSecond(second, 999_000_000));
                }
            }
        }
        return edges;
    }

    /** Seconds anywhere in years -1 to 10000 (so past both ends of the four-digit range too), nanos of every width. */
    private static Instant randomInstant(SplittableRandom random) {
        long second = random.nextLong(YEAR_0000 - 366L * 86_400, YEAR_10000 + 366L * 86_400);
        int nano = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(second, nano);
    }

    private static Object jdkParse(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static Object ours(String text) {
        try {
            return InstantText.parse(text);
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }
}
