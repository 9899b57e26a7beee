package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/**
 * An event frame encoded once for fan-out to every consumer. Only {@code seq} differs between
 * consumers, so the frame is kept as the bytes before it and the payload after it:
 * {@code {"type":"event","event_id":…,"event_type":…,"source_time":…,"offset":…,"seq":} N
 * {@code ,"payload":…}}.
 * The payload array is the publisher's bytes, shared, never copied per consumer.
 * The field order after {@code type} is the consumer's output order, which lets a consumer
 * print a frame by dropping its first 16 bytes (see {@link #outputStart}).
 *
 * <p>The layout is written here and read here: {@link #seqOf}, {@link #offsetOf} and
 * {@link #outputStart} let {@code consume raw} print a frame of this layout without decoding it
 * (no allocation, the frame's own bytes become the output line); any other layout is left to
 * {@link FrameCodec}.
 */
public record EventFrame(byte[] head, byte[] payload) {
    /** {@code {"type":"event",} — what a frame has before its output fields. */
    private static final byte[] TYPE_PREFIX = "{\"type\":\"event\",".getBytes(StandardCharsets.UTF_8);
    /** What precedes the seq digits in a frame of this layout. */
    private static final byte[] SEQ_FIELD = ",\"seq\":".getBytes(StandardCharsets.UTF_8);
    /** {@code ,"seq":} packed for {@link ByteScan}: each comma of the head is checked with one eight-byte read. */
    private static final long SEQ_PATTERN = ByteScan.pattern(SEQ_FIELD);

    private static final byte[] ID = "\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFSET = ",\"offset\":".getBytes(StandardCharsets.UTF_8);
    /** What follows the seq digits, up to the payload. */
    private static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    public static EventFrame of(String eventType, String eventId, String sourceTime, long offset, byte[] payload) {
        ByteSink head = new ByteSink(96 + eventType.length() + (eventId == null ? 0 : eventId.length()));
        writeHead(head, eventType, eventId, sourceTime, offset);
        return new EventFrame(head.toByteArray(), payload);
    }

    /** Writes everything of a frame before its seq digits: {@code {"type":"event",…,"offset":N,"seq":}. */
    public static void writeHead(ByteSink head, String eventType, String eventId, String sourceTime, long offset) {
        head.write(TYPE_PREFIX);
        if (eventId != null) {
            head.write(ID);
            head.writeQuoted(eventId);
            head.write(',');
        }
        head.write(TYPE);
        head.writeQuoted(eventType);
        head.write(TIME);
        head.writeQuoted(sourceTime);
        if (offset > 0) {
            head.write(OFFSET);
            head.writeDecimal(offset);
        }
        head.write(SEQ_FIELD);
    }

    /** Bytes of a frame after its seq digits: {@code ,"payload":}, the payload, its closing brace and newline. */
    public static int tailLength(int payloadLength) {
        return PAYLOAD_FIELD.length + payloadLength + 2;
    }

    /**
     * Writes a frame's part after its seq digits ({@link #tailLength} bytes) at {@code to}, for a log
     * that keeps a frame as its head and tail around the seq; returns the index just past it.
     */
    public static int writeTail(byte[] data, int to, byte[] payload, int payloadOffset, int payloadLength) {
        System.arraycopy(PAYLOAD_FIELD, 0, data, to, PAYLOAD_FIELD.length);
        to += PAYLOAD_FIELD.length;
        System.arraycopy(payload, payloadOffset, data, to, payloadLength);
        to += payloadLength;
        data[to++] = '}';
        data[to++] = '\n';
        return to;
    }

    /** Appends the whole frame for one consumer, newline included. */
    public void writeTo(ByteSink sink, long seq) {
        sink.write(head);
        sink.writeDecimal(seq);
        sink.write(PAYLOAD_FIELD);
        sink.write(payload);
        sink.write('}');
        sink.write('\n');
    }

    static byte[] encode(Message.Event event) {
        ByteSink sink = new ByteSink(256);
        of(event.eventType(), event.eventId(), event.sourceTime() == null ? "0" : event.sourceTime(), event.offset(),
                event.payload())
                .writeTo(sink, event.seq());
        return sink.toByteArray();
    }

    /**
     * The seq of the {@code length} bytes at {@code offset} (a frame without its newline) when they
     * are an event frame in this layout, else -1: the caller decodes those with {@link FrameCodec}.
     */
    public static long seqOf(byte[] buffer, int offset, int length) {
        int end = offset + length;
        if (length <= TYPE_PREFIX.length || !ByteScan.startsWith(buffer, offset, end, TYPE_PREFIX)) {
            return -1;
        }
        // A JSON string cannot hold an unescaped quote, so the first ,"seq": is the field itself.
        int seqAt = ByteScan.indexOf(buffer, offset + TYPE_PREFIX.length, end, SEQ_PATTERN, SEQ_FIELD.length);
        if (seqAt < 0) {
            return -1;
        }
        int digit = seqAt + SEQ_FIELD.length;
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

    /** The log offset of a frame {@link #seqOf} accepted; 0 when it carries none (a memory log's frames may not). */
    public static long offsetOf(byte[] buffer, int offset, int length) {
        int end = offset + length;
        // As for seq: an unescaped quote cannot occur inside a string, so this is the field itself.
        int at = indexOf(buffer, offset + TYPE_PREFIX.length, end, OFFSET);
        if (at < 0) {
            return 0;
        }
        long value = 0;
        for (int digit = at + OFFSET.length; digit < end && buffer[digit] >= '0' && buffer[digit] <= '9'; digit++) {
            value = value * 10 + (buffer[digit] - '0');
        }
        return value;
    }

    /**
     * Turns a frame {@link #seqOf} accepted into its output line in place: the comma before the
     * first output field becomes the opening brace. Returns the offset the line starts at; it ends
     * where the frame does.
     */
    public static int outputStart(byte[] buffer, int offset) {
        int start = offset + TYPE_PREFIX.length - 1;
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
