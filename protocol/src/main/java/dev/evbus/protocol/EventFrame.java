package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/**
 * An event frame encoded once for fan-out to every consumer. Only {@code seq} differs between
 * consumers, so the frame is kept as the bytes before it and the payload after it:
 * {@code {"type":"event","event_id":…,"event_type":…,"source_time":…,"offset":…,"seq":} N
 * {@code ,"payload":…}}.
 * The payload array is the publisher's bytes, shared, never copied per consumer.
 * The field order after {@code type} is the consumer's output order, which lets a consumer
 * print a frame by dropping its first 16 bytes (see {@link #OUTPUT_OFFSET}).
 */
public record EventFrame(byte[] head, byte[] payload) {
    /** {@code {"type":"event",} — what a frame has before its output fields. */
    public static final byte[] TYPE_PREFIX = "{\"type\":\"event\",".getBytes(StandardCharsets.UTF_8);
    /** Where the output line starts in a frame of this layout (it then needs a leading brace). */
    public static final int OUTPUT_OFFSET = TYPE_PREFIX.length;
    /** What precedes the seq digits in a frame of this layout. */
    public static final byte[] SEQ_FIELD = ",\"seq\":".getBytes(StandardCharsets.UTF_8);

    private static final byte[] ID = "\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFSET = ",\"offset\":".getBytes(StandardCharsets.UTF_8);
    /** What follows the seq digits, up to the payload. */
    public static final byte[] PAYLOAD_FIELD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

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
}
