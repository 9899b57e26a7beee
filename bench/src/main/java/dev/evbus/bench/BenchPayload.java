package dev.evbus.bench;

import java.nio.charset.StandardCharsets;

/**
 * A 200-byte JSON payload rewritten in place for each event: a sequence number, a publish stamp
 * and padding. Fixed-width string fields keep every payload the same size without allocating.
 */
final class BenchPayload {
    static final int SIZE = 200;
    private static final int NUMBER_DIGITS = 10;
    private static final int STAMP_DIGITS = 19;

    private final byte[] bytes;
    private final int numberAt;
    private final int stampAt;

    BenchPayload() {
        String numberField = "{\"n\":\"";
        String stampField = "\",\"t\":\"";
        String padField = "\",\"pad\":\"";
        String end = "\"}";
        int fixed = numberField.length() + NUMBER_DIGITS + stampField.length() + STAMP_DIGITS + padField.length() + end.length();
        String text = numberField + "0".repeat(NUMBER_DIGITS) + stampField + "0".repeat(STAMP_DIGITS) + padField
                + "x".repeat(SIZE - fixed) + end;
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        numberAt = numberField.length();
        stampAt = numberAt + NUMBER_DIGITS + stampField.length();
    }

    /** The payload for event {@code number} stamped {@code stamp}; the same array every call. */
    byte[] fill(long number, long stamp) {
        writeDigits(numberAt, NUMBER_DIGITS, number);
        writeDigits(stampAt, STAMP_DIGITS, stamp);
        return bytes;
    }

    private void writeDigits(int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
