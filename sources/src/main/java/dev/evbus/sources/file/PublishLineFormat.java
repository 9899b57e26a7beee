package dev.evbus.sources.file;

import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.Message;

/**
 * A line as {@code evbus publish --stdin} reads it: {@code {"event_type", "event_id"?, "source_time"?,
 * "payload"?}}, decoded as a publish frame whose type is implied (the same decoder and the same rules
 * as the CLI's {@code PublishLine}, so a line that command takes is a line this source takes).
 */
record PublishLineFormat() implements LineFormat {

    @Override
    public Event parse(byte[] line, int length) throws Rejected {
        Message message;
        try {
            message = FrameCodec.decode(line, 0, length, "publish");
        } catch (FrameException bad) {
            throw new Rejected(bad.getMessage().replaceFirst("^frame (is |holds )?", "").replace("frame", "line"));
        }
        if (!(message instanceof Message.Publish publish)) {
            throw new Rejected("\"type\" must be left out or be \"publish\"");
        }
        if (publish.eventType() == null || publish.eventType().isEmpty()) {
            throw new Rejected("event_type is missing");
        }
        LineFormat.check(publish.eventType(), publish.eventId(), publish.sourceTime(), publish.payload());
        return new Event(publish.eventType(), publish.eventId(), publish.sourceTime(), publish.payload());
    }
}
