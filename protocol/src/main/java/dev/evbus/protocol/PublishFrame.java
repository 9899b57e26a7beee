package dev.evbus.protocol;

import java.nio.charset.StandardCharsets;

/** Encodes publish frames with the payload copied through as bytes, so producers never re-serialise it. */
public final class PublishFrame {
    private static final byte[] HEAD = "{\"type\":\"publish\",\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ID = ",\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);
    /** What a frame has before the line's first member: {@code {"type":"publish",}. */
    private static final byte[] TYPED = "{\"type\":\"publish\",".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ACK = ",\"ack\":true".getBytes(StandardCharsets.UTF_8);

    private PublishFrame() {
    }

    /**
     * Appends the frame of a {@code publish --stdin} line that already is one but for its type
     * (see {@link CanonicalPublishLine#end}), with a single copy of its bytes: the frame
     * {@link #writeTo} writes, without ack, for the event the line decodes to. False, with nothing
     * written, for any other line, valid or not: the caller decodes that one.
     */
    public static boolean writeLine(ByteSink sink, byte[] line, int offset, int length) {
        int end = CanonicalPublishLine.end(line, offset, length);
        if (end < 0) {
            return false;
        }
        sink.write(TYPED);
        sink.write(line, offset + 1, end - offset - 1);
        sink.write('\n');
        return true;
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
