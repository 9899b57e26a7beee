package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Builds event frames for fan-out. Everything but {@code seq} is the same for every consumer, so
 * it is encoded once per event as a {@link #prefix}; each consumer's writer appends its own seq.
 */
public final class EventFrame {
    private static final byte[] HEAD = "{\"type\":\"event\",\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = ",\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.UTF_8);

    private EventFrame() {
    }

    /** The frame up to and including {@code "seq":}; {@link #appendSeq} completes it. */
    public static byte[] prefix(String eventType, String eventId, String sourceTime, byte[] payload) {
        ByteSink sink = new ByteSink(HEAD.length + payload.length + 96 + eventType.length() + (eventId == null ? 0 : eventId.length()));
        sink.write(HEAD);
        sink.write(JsonText.quotedUtf8(eventType));
        if (eventId != null) {
            sink.write(ID);
            sink.write(JsonText.quotedUtf8(eventId));
        }
        sink.write(TIME);
        sink.write(JsonText.quotedUtf8(sourceTime));
        sink.write(PAYLOAD);
        sink.write(payload);
        sink.write(SEQ);
        return sink.toByteArray();
    }

    /** Writes {@code seq}, the closing brace and the newline after a prefix already in {@code sink}. */
    public static void appendSeq(ByteSink sink, long seq) {
        sink.writeDecimal(seq);
        sink.write('}');
        sink.write('\n');
    }

    static byte[] encode(Message.Event event) {
        ByteSink sink = new ByteSink(256);
        sink.write(prefix(event.eventType(), event.eventId(), event.sourceTime(), event.payload()));
        appendSeq(sink, event.seq());
        return sink.toByteArray();
    }
}
