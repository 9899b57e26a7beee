package dev.evbus.consume;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.Message;
import java.nio.charset.StandardCharsets;

/**
 * The output line of a key without a process hook:
 * {@code {"event_id","event_type","source_time","offset","seq","payload"}}, {@code event_id} only when
 * the publisher gave one, {@code offset} only when the bus sent one. Written straight from the frame's bytes; the payload is never parsed.
 */
final class Envelope {
    private static final byte[] ID = "{\"event_id\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE_FIRST = "{\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TYPE = ",\"event_type\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME = ",\"source_time\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OFFSET = ",\"offset\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEQ = ",\"seq\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PAYLOAD = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private Envelope() {
    }

    static void write(ByteSink sink, Message.Event event) {
        if (event.eventId() != null) {
            sink.write(ID);
            sink.writeQuoted(event.eventId());
            sink.write(TYPE);
        } else {
            sink.write(TYPE_FIRST);
        }
        sink.writeQuoted(event.eventType());
        sink.write(TIME);
        sink.writeQuoted(event.sourceTime() == null ? "0" : event.sourceTime());
        if (event.offset() > 0) {
            sink.write(OFFSET);
            sink.writeDecimal(event.offset());
        }
        sink.write(SEQ);
        sink.writeDecimal(event.seq());
        sink.write(PAYLOAD);
        sink.write(event.payload());
        sink.write('}');
    }
}
