package dev.evbus.consume;

import dev.evbus.protocol.ByteScan;
import dev.evbus.protocol.EventFrame;

/**
 * The fast path for keys that only pass events on (no match or process hook, no jq): an event
 * frame in the bus's own layout already is the output line once its {@code "type":"event"} is
 * dropped, so it is printed without being decoded. Frames of any other layout take the decoder.
 */
final class PassThrough {
    private static final byte[] PAYLOAD_FIELD = EventFrame.PAYLOAD_FIELD;
    private static final byte[] OFFSET_FIELD = ",\"offset\":".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    /** {@code ,"seq":} packed for {@link ByteScan}: each comma of the head is checked with one eight-byte read. */
    private static final long SEQ_PATTERN = ByteScan.pattern(EventFrame.SEQ_FIELD);

    private PassThrough() {
    }

    /** The frame's seq when it is an event frame in {@link EventFrame}'s layout, else -1. */
    static long seqOf(byte[] buffer, int offset, int length) {
        byte[] prefix = EventFrame.TYPE_PREFIX;
        int end = offset + length;
        if (length <= prefix.length || !ByteScan.startsWith(buffer, offset, end, prefix)) {
            return -1;
        }
        // A JSON string cannot hold an unescaped quote, so the first ,"seq": is the field itself.
        int seqAt = ByteScan.indexOf(buffer, offset + prefix.length, end, SEQ_PATTERN, EventFrame.SEQ_FIELD.length);
        if (seqAt < 0) {
            return -1;
        }
        int digit = seqAt + EventFrame.SEQ_FIELD.length;
        long seq = 0;
        int digits = 0;
        while (digit < end && buffer[digit] >= '0' && buffer[digit] <= '9' && digits < 18) {
            seq = seq * 10 + (buffer[digit++] - '0');
            digits++;
        }
        if (digits == 0 || !ByteScan.startsWith(buffer, digit, end, PAYLOAD_FIELD) || buffer[end - 1] != '}') {
            return -1;
        }
        return seq;
    }

    /** The frame's offset, for a frame {@link #seqOf} accepted; 0 when it carries none. */
    static long offsetOf(byte[] buffer, int offset, int length) {
        int end = offset + length;
        // As for seq: an unescaped quote cannot occur inside a string, so this is the field itself.
        int at = indexOf(buffer, offset + EventFrame.TYPE_PREFIX.length, end, OFFSET_FIELD);
        if (at < 0) {
            return 0;
        }
        long value = 0;
        for (int digit = at + OFFSET_FIELD.length; digit < end && buffer[digit] >= '0' && buffer[digit] <= '9'; digit++) {
            value = value * 10 + (buffer[digit] - '0');
        }
        return value;
    }

    /**
     * Turns the frame into its output line in place: the comma before the first output field
     * becomes the opening brace. Returns the offset the line starts at; it ends where the frame does.
     */
    static int outputStart(byte[] buffer, int offset) {
        int start = offset + EventFrame.OUTPUT_OFFSET - 1;
        buffer[start] = '{';
        return start;
    }

    private static int indexOf(byte[] buffer, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i <= to - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (buffer[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
