package dev.evbus.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Encodes and decodes frames. Events and publishes, the only frames on the hot path, are read
 * with a streaming parser that keeps the payload as its original bytes; every other frame goes
 * through a JSON tree mapped by hand in {@link ControlFrames}. A publish or event frame is first
 * tried by {@link PublishScanner}, and a control frame by {@link ControlFrameScanner}: single passes over
 * the bytes that give way to the parser whenever they are not certain to decode the frame as the
 * parser would. Thread-safe.
 */
public final class FrameCodec {
    /**
     * Made on first use: a client that only sends hand-written frames and reads frames the scanners
     * decode (an idle {@code consume raw}) never loads Jackson's factory, parsers and generators,
     * some 60 classes that its AOT cache would otherwise hold and map at every start.
     */
    private static final class Factory {
        static final JsonFactory INSTANCE = new JsonFactory();
    }
    /** The payload of a frame without one. */
    static final byte[] NULL = {'n', 'u', 'l', 'l'};

    private FrameCodec() {
    }

    /** One frame, newline included. */
    public static byte[] encode(Message message) {
        // instanceof, not a type switch: see ControlFrames#toTree
        if (message instanceof Message.Event e) {
            return EventFrame.encode(e);
        }
        if (message instanceof Message.Publish p) {
            return PublishFrame.encode(p.eventType(), p.eventId(), p.sourceTime(), p.payload(), p.ack());
        }
        JsonNode tree = ControlFrames.toTree(message);
        ByteSink byHand = new ByteSink(128);
        if (JsonTrees.writeTo(tree, byHand)) {
            byHand.write('\n');
            return byHand.toByteArray();
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream(128);
        try (JsonGenerator out = Factory.INSTANCE.createGenerator(json)) {
            JsonTrees.write(tree, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.write('\n');
        return json.toByteArray();
    }

    public static Message decode(byte[] frame) throws FrameException {
        return decode(frame, 0, frame.length);
    }

    public static Message decode(FrameReader reader) throws FrameException {
        return decode(reader.buffer(), reader.frameOffset(), reader.frameLength());
    }

    public static Message decode(byte[] buffer, int offset, int length) throws FrameException {
        return decode(buffer, offset, length, null);
    }

    /**
     * Decodes a frame whose {@code type} may be left out, in which case it is {@code impliedType}:
     * {@code publish --stdin} reads its lines as publish frames without a type.
     *
     * @throws FrameException for any bytes that are not a frame; nothing else, whatever the bytes
     *                        (DecoderFuzzTest holds it to that)
     */
    public static Message decode(byte[] buffer, int offset, int length, String impliedType) throws FrameException {
        Message scanned = PublishScanner.decode(buffer, offset, length, impliedType);
        return scanned != null ? scanned : decodeNotScanned(buffer, offset, length, impliedType);
    }

    /** {@link #decode(byte[], int, int, String)} for a frame {@link PublishScanner} did not decode. */
    static Message decodeNotScanned(byte[] buffer, int offset, int length, String impliedType) throws FrameException {
        Message control = impliedType == null ? ControlFrameScanner.scan(buffer, offset, length) : null;
        return control != null ? control : decodeWithJackson(buffer, offset, length, impliedType);
    }

    /** The one JSON factory of the wire and of {@link JsonText}: its limits are the ones every scanner applies. */
    static JsonFactory factory() {
        return Factory.INSTANCE;
    }

    /** The limits Jackson's parser here applies, which {@link PublishScanner} must apply too. */
    static StreamReadConstraints readConstraints() {
        return StreamReadConstraints.defaults(); // what the factory applies: it is built with them
    }

    /** {@link #decode(byte[], int, int, String)} without the publish fast path: every frame through Jackson. */
    static Message decodeWithJackson(byte[] buffer, int offset, int length, String impliedType) throws FrameException {
        String type = impliedType;
        String eventType = null;
        String eventId = null;
        String sourceTime = null;
        long seq = 0;
        long eventOffset = 0;
        boolean ack = false;
        int payloadStart = -1;
        int payloadEnd = -1;
        try (JsonParser parser = Factory.INSTANCE.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FrameException("frame is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "event_type" -> eventType = text(parser, value, name);
                    case "event_id" -> eventId = text(parser, value, name);
                    case "source_time" -> sourceTime = value == JsonToken.VALUE_NUMBER_INT ? parser.getText() : text(parser, value, name);
                    case "seq" -> seq = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    case "offset" -> eventOffset = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
                    case "ack" -> ack = value == JsonToken.VALUE_TRUE;
                    case "payload" -> {
                        payloadStart = (int) parser.currentTokenLocation().getByteOffset();
                        if (value.isStructStart()) {
                            parser.skipChildren();
                        } else {
                            parser.finishToken();
                        }
                        payloadEnd = (int) parser.currentLocation().getByteOffset();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new FrameException("frame holds more than one JSON value");
            }
        } catch (FrameException e) {
            throw e;
        } catch (IOException e) {
            throw new FrameException("frame is not valid JSON: " + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (type == null) {
            return new Message.Unknown();
        }
        byte[] payload = payloadStart < 0 ? NULL : Arrays.copyOfRange(buffer, offset + payloadStart, offset + payloadEnd);
        return switch (type) {
            case "event" -> new Message.Event(eventType, eventId, sourceTime, eventOffset, seq, payload);
            case "publish" -> new Message.Publish(eventType, eventId, sourceTime, payload, ack);
            default -> {
                try (JsonParser parser = Factory.INSTANCE.createParser(buffer, offset, length)) {
                    parser.nextToken();
                    yield ControlFrames.fromTree(type, JsonTrees.read(parser));
                } catch (FrameException e) {
                    throw new FrameException("bad " + type + " frame: " + e.getMessage(), e);
                } catch (IOException e) {
                    throw new FrameException("bad " + type + " frame: " + firstLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
                }
            }
        };
    }

    private static String text(JsonParser parser, JsonToken value, String field) throws IOException, FrameException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw new FrameException("field " + field + " must be a string");
        }
        return parser.getText();
    }

    /** A parser message fit for one line: its first line, without Jackson's source locations. */
    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "").replaceAll("\\s*at \\[Source:.*$", "");
    }
}
