package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/** Encodes publish frames with the payload copied through as bytes, so producers never re-serialise it. */
public final class PublishFrame {
    private static final byte[] HEAD = "{\"type\":\"publish\",\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = ",\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACK = ",\"ack\":true".getBytes(StandardCharsets.UTF_8);

    private PublishFrame() {
    }

    public static byte[] encode(String eventType, String eventId, String sourceTime, byte[] payload, boolean ack) {
        ByteSink sink = new ByteSink(payload.length + 128);
        writeTo(sink, eventType, eventId, sourceTime, payload, 0, payload.length, ack);
        return sink.toByteArray();
    }

    /** Appends one frame to {@code sink}; the payload is {@code payload[offset, offset+length)}, already valid JSON. */
    public static void writeTo(ByteSink sink, String eventType, String eventId, String sourceTime,
                               byte[] payload, int offset, int length, boolean ack) {
        sink.write(HEAD);
        sink.writeQuoted(eventType);
        if (eventId != null) {
            sink.write(ID);
            sink.writeQuoted(eventId);
        }
        if (sourceTime != null) {
            sink.write(TIME);
            sink.writeQuoted(sourceTime);
        }
        sink.write(PAYLOAD);
        sink.write(payload, offset, length);
        if (ack) {
            sink.write(ACK);
        }
        sink.write('}');
        sink.write('\n');
    }
}
