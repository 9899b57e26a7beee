package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/**
 * An event frame encoded once for fan-out to every consumer. Only {@code seq} differs between
 * consumers, so the frame is kept as the bytes before it and the bytes after it:
 * {@code {"type":"event","event_id":…,"event_type":…,"source_time":…,"seq":} N {@code ,"payload":…}}.
 * The field order after {@code type} is the consumer's output order, which lets a consumer
 * print a frame by dropping its first 16 bytes (see {@link #OUTPUT_OFFSET}).
 */
public record EventFrame(byte[] head, byte[] tail) {
    /** {@code {"type":"event",} — what a frame has before its output fields. */
    public static final byte[] TYPE_PREFIX = "{\"type\":\"event\",".getBytes(StandardCharsets.UTF_8);
    /** Where the output line starts in a frame of this layout (it then needs a leading brace). */
    public static final int OUTPUT_OFFSET = TYPE_PREFIX.length;
    /** What precedes the seq digits in a frame of this layout. */
    public static final byte[] SEQ_FIELD = ",\"seq\":".getBytes(StandardCharsets.UTF_8);

    private static final byte[] ID = "\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = "\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    public static EventFrame of(String eventType, String eventId, String sourceTime, byte[] payload) {
        ByteSink head = new ByteSink(96 + eventType.length() + (eventId == null ? 0 : eventId.length()));
        head.write(TYPE_PREFIX);
        if (eventId != null) {
            head.write(ID);
            head.write(JsonText.quotedUtf8(eventId));
            head.write(',');
        }
        head.write(TYPE);
        head.write(JsonText.quotedUtf8(eventType));
        head.write(TIME);
        head.write(JsonText.quotedUtf8(sourceTime));
        head.write(SEQ_FIELD);
        ByteSink tail = new ByteSink(PAYLOAD.length + payload.length + 2);
        tail.write(PAYLOAD);
        tail.write(payload);
        tail.write('}');
        tail.write('\n');
        return new EventFrame(head.toByteArray(), tail.toByteArray());
    }

    /** Appends the whole frame for one consumer, newline included. */
    public void writeTo(ByteSink sink, long seq) {
        sink.write(head);
        sink.writeDecimal(seq);
        sink.write(tail);
    }

    public int size() {
        return head.length + 20 + tail.length;
    }

    static byte[] encode(Message.Event event) {
        ByteSink sink = new ByteSink(256);
        of(event.eventType(), event.eventId(), event.sourceTime() == null ? "0" : event.sourceTime(), event.payload())
                .writeTo(sink, event.seq());
        return sink.toByteArray();
    }
}
