package dev.evbus.cli;

import dev.evbus.protocol.EventRules;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.OneJsonValue;

/**
 * One line of {@code publish --stdin}: {"event_type", "event_id"?, "source_time"?, "payload"?},
 * read as a publish frame whose type is implied, and checked the way the bus would check it,
 * so a bad line is reported with its number here rather than counted anonymously there.
 */
final class PublishLine {
    private PublishLine() {
    }

    /** Why a line was rejected, fit for "line N: …". */
    static final class Rejected extends Exception {
        Rejected(String message) {
            super(message);
        }
    }

    /** The bytes of {@code text} when it is exactly one JSON value (what {@code --data} must be). */
    static byte[] oneJsonValue(String text) throws Rejected {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (OneJsonValue.certainlyValid(bytes)) {
            return bytes;
        }
        try (com.fasterxml.jackson.core.JsonParser parser = Json.FACTORY.createParser(bytes)) {
            if (parser.nextToken() == null) {
                throw new Rejected("empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new Rejected("more than one JSON value");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException bad) {
            throw new Rejected("not valid JSON: " + bad.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (java.io.IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return bytes;
    }

    /** Made on the first value {@link OneJsonValue} is not certain of: most commands never need it. */
    private static final class Json {
        static final com.fasterxml.jackson.core.JsonFactory FACTORY = new com.fasterxml.jackson.core.JsonFactory();
    }

    static Message.Publish parse(byte[] buffer, int offset, int length) throws Rejected {
        Message message;
        try {
            message = FrameCodec.decode(buffer, offset, length, "publish");
        } catch (FrameException bad) {
            throw new Rejected(bad.getMessage().replaceFirst("^frame (is |holds )?", "").replace("frame", "line"));
        }
        if (!(message instanceof Message.Publish publish)) {
            throw new Rejected("\"type\" must be left out or be \"publish\"");
        }
        String problem = EventRules.publishProblem(publish.eventType(), publish.eventId(), publish.sourceTime());
        if (problem != null) {
            throw new Rejected(problem);
        }
        return publish;
    }
}
