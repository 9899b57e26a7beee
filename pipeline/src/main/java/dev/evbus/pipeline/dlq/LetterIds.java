package dev.evbus.pipeline.dlq;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Dead-letter ids: the failure's UTC time to the millisecond, then 32 random bits, so ids sort by
 * time, and two processes failing in the same millisecond still pick different ids.
 */
final class LetterIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern SHAPE = Pattern.compile("[0-9]{8}T[0-9]{9}Z-[0-9a-f]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LetterIds() {
    }

    static String next(Instant failedAt) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return TIME.format(failedAt) + "-" + HexFormat.of().formatHex(random);
    }

    /** Whether {@code text} has an id's shape: checked before it names a file, so it cannot name another. */
    static boolean valid(String text) {
        return SHAPE.matcher(text).matches();
    }
}
