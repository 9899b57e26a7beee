package dev.evbus.protocol;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fast path of {@link FrameCodec#decode(byte[], int, int, String)} for control frames (a
 * hello_ack, a publish_ack, a status response): one pass over the bytes ({@link JsonTreeScanner},
 * under the frames' limits) that builds the same tree {@link JsonTrees#read} builds, without a
 * Jackson parser.
 *
 * <p>Why not Jackson's parser: its first instance initialises {@code java.math.BigDecimal}, whose
 * static tables cost 9 to 19 ms of interpreted start-up on JDK 25, and every CLI process reads a
 * control frame before it can say ready or exit. The bus's answers are small, flat and plain.
 *
 * <p>As {@link PublishScanner} does, it answers only when it is certain to decode the frame as the
 * Jackson path does, and otherwise answers null so that path decides, error messages included:
 * for anything that is not valid JSON as {@link JsonValidator} sees it, an event or publish frame,
 * a frame without a {@code type}, a top-level member the Jackson path's first pass would refuse or
 * read into (see {@link #readAsJacksonPathDoes}), an escaped surrogate in a member name, a number
 * that is not an integer of at most 18 digits, nesting deeper than {@link JsonTrees#MAX_DEPTH}, or a
 * tree that {@link ControlFrames#fromTree} refuses.
 */
final class ControlFrameScanner {
    private static final StreamReadConstraints LIMITS = FrameCodec.readConstraints();
    /** Limits Jackson checks on the whole document; with either set, every frame goes to Jackson. */
    private static final boolean ENABLED = !LIMITS.hasMaxDocumentLength() && !LIMITS.hasMaxTokenCount();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A short integer as the Jackson path's long; every other number goes to Jackson. */
    private static final JsonTreeScanner.Numbers INTEGERS = new JsonTreeScanner.Numbers() {
        @Override
        public JsonNode integer(long value) {
            return NODES.numberNode(value);
        }

        @Override
        public JsonNode number(byte[] bytes, int start, int end, boolean integral) {
            return null;
        }
    };

    private ControlFrameScanner() {
    }

    /** The frame as the Jackson path would decode it, or null when that path must decide. */
    static Message scan(byte[] buffer, int offset, int length) {
        // Strings are never longer in chars than the frame is in bytes: past the limit, let Jackson measure.
        if (!ENABLED || length > LIMITS.getMaxStringLength()) {
            return null;
        }
        JsonNode tree = new JsonTreeScanner(buffer, offset + length, NODES, INTEGERS, LIMITS,
                JsonTrees.MAX_DEPTH, ControlFrameScanner::readAsJacksonPathDoes).document(offset);
        if (!(tree instanceof ObjectNode frame)) {
            return null;
        }
        JsonNode type = frame.get("type");
        if (type == null) {
            return null;
        }
        String name = type.textValue();
        if (name.equals("event") || name.equals("publish")) {
            return null;
        }
        try {
            return ControlFrames.fromTree(name, frame);
        } catch (FrameException refused) {
            return null; // the Jackson path words the error
        }
    }

    /**
     * Whether the Jackson path's first pass over the frame's members, which reads the event fields
     * of every frame, takes this one as it is: it refuses an event field of the wrong kind, and
     * reads into an array or object where it expects a scalar.
     */
    private static boolean readAsJacksonPathDoes(String name, JsonNode value) {
        return switch (name) {
            case "type" -> value.isTextual();
            case "event_type", "event_id" -> value.isTextual() || value.isNull();
            case "source_time" -> value.isTextual() || value.isNull() || value.isIntegralNumber();
            case "seq", "offset", "ack" -> !value.isContainerNode();
            default -> true;
        };
    }
}
