package dev.evbus.protocol;

import static dev.evbus.protocol.JsonValidator.FAIL;

import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.evbus.protocol.JsonStrings.Escapes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fast path of {@link FrameCodec#decode(byte[], int, int, String)} for publish frames, the one
 * frame a producer streams, and for event frames, the one frame a consumer on the decoding path (a
 * pipeline, {@code --jq}, a match hook) reads, which carry the same members and a {@code seq} and
 * an {@code offset}: a single pass over the bytes instead of Jackson's parser, whose first instance
 * also initialises {@code BigDecimal} (20 ms of a consumer's first event under C1). {@link #scan},
 * which a producer's connection calls, takes publish frames only.
 *
 * <p>It answers only when it is certain to give what the Jackson path gives; otherwise it answers
 * null and the caller decodes with Jackson, so behaviour, error messages included, stays Jackson's
 * by construction. Null comes back for any frame that is not valid JSON (as {@link JsonValidator}
 * sees it), not of type publish or event, or unusual where the Jackson path does something particular: a
 * backslash escape or non-ASCII byte in a member name, an escape in {@code type}, {@code event_type},
 * {@code event_id} or {@code source_time}, a value of the wrong kind for those (Jackson throws), an
 * array or object as {@code type}, {@code ack}, {@code seq} or {@code offset} (Jackson would read
 * into it), or a {@code seq} or {@code offset} too long to be certain it fits a long.
 */
final class PublishScanner {
    static final StreamReadConstraints LIMITS = FrameCodec.readConstraints();
    /** Limits Jackson checks on the whole document; with either set, every frame goes to Jackson. */
    static final boolean ENABLED = !LIMITS.hasMaxDocumentLength() && !LIMITS.hasMaxTokenCount();

    private static final byte[] PUBLISH = ascii("publish");
    private static final byte[] EVENT = ascii("event");

    /** The members a publish frame decodes, and the few whose value Jackson's path treats in a particular way. */
    private enum Field {
        TYPE("type"), EVENT_TYPE("event_type"), EVENT_ID("event_id"), SOURCE_TIME("source_time"), ACK("ack"),
        PAYLOAD("payload"), SEQ("seq"), OFFSET("offset"), OTHER("");

        final byte[] name;

        Field(String name) {
            this.name = ascii(name);
        }
    }

    /** The frame being scanned; replaced at each {@link #scan}, so one scanner serves a connection's frames. */
    private byte[] b;
    private int end;
    private final JsonValidator json = new JsonValidator(null, 0, LIMITS);
    /** A connection's frames repeat their event type: its String is made once per run of the same bytes. */
    private final RepeatedText eventTypes = new RepeatedText();
    /** The string {@link #text} read last, so that it needs no holder object. */
    private String text;
    private boolean typed;
    /** Whether the (last) {@code type} member said event rather than publish. */
    private boolean event;
    private long seq;
    private long eventOffset;
    String eventType;
    String eventId;
    String sourceTime;
    boolean ack;
    /** The payload's bytes in the frame's buffer, {@code [payloadStart, payloadEnd)}; -1 when the frame has none. */
    int payloadStart = -1;
    int payloadEnd = -1;

    /** The publish or event frame as the Jackson path would decode it, or null when that path must decide. */
    static Message decode(byte[] buffer, int offset, int length, String impliedType) {
        PublishScanner scanner = new PublishScanner();
        if (!scanner.scanMembers(buffer, offset, length) || !scanner.typed && !"publish".equals(impliedType)) {
            return null;
        }
        byte[] payload = scanner.payloadStart < 0 ? FrameCodec.NULL : Arrays.copyOfRange(buffer, scanner.payloadStart, scanner.payloadEnd);
        return scanner.event
                ? new Message.Event(scanner.eventType, scanner.eventId, scanner.sourceTime, scanner.eventOffset, scanner.seq, payload)
                : new Message.Publish(scanner.eventType, scanner.eventId, scanner.sourceTime, payload, scanner.ack);
    }

    /**
     * Whether the frame is a publish frame this scanner decodes as the Jackson path would; its
     * fields then hold it (the payload as a range of {@code buffer}) until the next scan.
     */
    boolean scan(byte[] buffer, int offset, int length, String impliedType) {
        return scanMembers(buffer, offset, length) && (typed ? !event : "publish".equals(impliedType));
    }

    /** Whether the frame is one object whose members this scanner reads as the Jackson path would. */
    private boolean scanMembers(byte[] buffer, int offset, int length) {
        // Strings are never longer in chars than the frame is in bytes: past the limit, let Jackson measure.
        if (!ENABLED || length > LIMITS.getMaxStringLength()) {
            return false;
        }
        b = buffer;
        end = offset + length;
        json.reset(buffer, end);
        typed = false;
        event = false;
        seq = 0;
        eventOffset = 0;
        eventType = null;
        eventId = null;
        sourceTime = null;
        ack = false;
        payloadStart = -1;
        payloadEnd = -1;
        return frame(offset);
    }

    /** One object and nothing after it but white space; its members in order, so the last of a name wins as in Jackson's loop. */
    private boolean frame(int i) {
        i = json.skipWhitespace(i);
        if (!json.at(i, '{')) {
            return false;
        }
        i = json.skipWhitespace(i + 1);
        if (!json.at(i, '}')) {
            while (true) {
                i = member(i);
                if (i == FAIL) {
                    return false;
                }
                i = json.skipWhitespace(i);
                if (!json.at(i, ',')) {
                    break;
                }
                i = json.skipWhitespace(i + 1);
            }
            if (!json.at(i, '}')) {
                return false;
            }
        }
        return json.skipWhitespace(i + 1) == end;
    }

    private int member(int nameStart) {
        int nameEnd = json.at(nameStart, '"') ? json.string(nameStart, Escapes.NONE) : FAIL;
        if (nameEnd == FAIL || !json.ascii(nameStart + 1, nameEnd - 1) || nameEnd - nameStart - 2 > LIMITS.getMaxNameLength()) {
            return FAIL;
        }
        int i = json.skipWhitespace(nameEnd);
        if (!json.at(i, ':')) {
            return FAIL;
        }
        i = json.skipWhitespace(i + 1);
        Field field = field(nameStart + 1, nameEnd - 1);
        return switch (field) {
            case PAYLOAD -> payload(i);
            case EVENT_TYPE -> {
                int after = text(i, eventTypes);
                eventType = text;
                yield after;
            }
            case EVENT_ID -> {
                int after = text(i);
                eventId = text;
                yield after;
            }
            case TYPE -> type(i);
            case SOURCE_TIME -> sourceTime(i);
            case ACK -> ack(i);
            case SEQ, OFFSET -> longOrIgnored(i, field);
            case OTHER -> json.value(i, 1);
        };
    }

    /** The member named by the bytes {@code [from, to)}; its length picks the one name to compare. */
    private Field field(int from, int to) {
        Field candidate = switch (to - from) {
            case 3 -> b[from] == 'a' ? Field.ACK : Field.SEQ;
            case 4 -> Field.TYPE;
            case 6 -> Field.OFFSET;
            case 7 -> Field.PAYLOAD;
            case 8 -> Field.EVENT_ID;
            case 10 -> Field.EVENT_TYPE;
            case 11 -> Field.SOURCE_TIME;
            default -> Field.OTHER;
        };
        return candidate == Field.OTHER || is(from, to, candidate.name) ? candidate : Field.OTHER;
    }
    private int payload(int i) {
        int after = json.value(i, 1);
        if (after != FAIL) {
            payloadStart = i;
            payloadEnd = after;
        }
        return after;
    }

    /** Only the strings "publish" and "event" keep this frame here; Jackson's path takes every other type. */
    private int type(int i) {
        int after = json.at(i, '"') ? json.string(i, Escapes.NONE) : FAIL;
        if (after == FAIL) {
            return FAIL;
        }
        boolean isEvent = is(i + 1, after - 1, EVENT);
        if (!isEvent && !is(i + 1, after - 1, PUBLISH)) {
            return FAIL;
        }
        typed = true;
        event = isEvent;
        return after;
    }

    /** A string without escapes, or null; anything else makes Jackson's path throw. */
    private int text(int i) {
        return text(i, null);
    }

    /** As {@link #text(int)}, the String taken from {@code repeated} when it is given. */
    private int text(int i, RepeatedText repeated) {
        text = null;
        if (json.at(i, 'n')) {
            return json.value(i, 1);
        }
        int after = json.at(i, '"') ? json.string(i, Escapes.NONE) : FAIL;
        if (after != FAIL) {
            text = repeated != null ? repeated.of(b, i + 1, after - 1) : new String(b, i + 1, after - i - 2, StandardCharsets.UTF_8);
        }
        return after;
    }

    /** Like {@link #text}, and an integer (never a fraction or exponent) stands as its own text. */
    private int sourceTime(int i) {
        if (json.at(i, '"') || json.at(i, 'n')) {
            int after = text(i);
            sourceTime = text;
            return after;
        }
        int after = json.number(i);
        if (after == FAIL || !json.integer(i, after)) {
            return FAIL;
        }
        sourceTime = new String(b, i, after - i, StandardCharsets.ISO_8859_1);
        return after;
    }

    /** Only {@code true} sets it, any other scalar clears it; Jackson does not skip an array or object here. */
    private int ack(int i) {
        int after = scalar(i);
        if (after != FAIL) {
            ack = json.at(i, 't');
        }
        return after;
    }

    /**
     * {@code seq} and {@code offset}: an event frame's, ignored in a publish frame, where Jackson
     * still reads an integer as a long. Sets {@code field}'s long: the integer, 0 for any other
     * scalar, as Jackson's path reads it.
     */
    private int longOrIgnored(int i, Field field) {
        int after = scalar(i);
        long value = 0;
        if (after != FAIL && (json.at(i, '-') || (b[i] >= '0' && b[i] <= '9')) && json.integer(i, after)) {
            if (!json.shortInteger(i, after)) {
                return FAIL;
            }
            value = json.longValue(i, after);
        }
        if (field == Field.SEQ) {
            seq = value;
        } else {
            eventOffset = value;
        }
        return after;
    }

    private int scalar(int i) {
        return json.at(i, '{') || json.at(i, '[') ? FAIL : json.value(i, 1);
    }

    private boolean is(int from, int to, byte[] name) {
        return Arrays.equals(b, from, to, name, 0, name.length);
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
