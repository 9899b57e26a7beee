package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventRules;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.PublishFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code publish --stdin} frames a line that already is a publish frame but for its type without
 * decoding it ({@link PublishFrame#writeLine}). Whatever the line, that path must give exactly the
 * frame the decoding path gives ({@link PublishLine#parse}, then {@link PublishFrame#writeTo} as
 * {@code Publisher} calls it), or decline and write nothing; it must never take a line the decoding
 * path rejects. Every test compares the two paths on the same bytes, also inside a larger buffer.
 */
class PublishLineFrameTest {
    private static final long SEED = Long.getLong("evbus.fuzz.seed", 20250601L);
    private static final int LINES = 40_000;
    private static final String PAD = "x".repeat(120);

    private static final String[] TEXTS = {"bench.tick", "a", "", "a*b", "*", "é", "✓😀", "a b", "a\\\"b", "a\\\\b",
        "\\u0041", "a\tb", "\u007f", "\u0001", "x/y", "~!@#$%^&()_+", "123", "-1", "e-1"};
    private static final String[] GOOD_TEXTS = {"bench.tick", "a", "e-1", "order.placed", "x/y", "~!@#$%^&()_+"};
    private static final String[] TIMES = {"\"1700000000123\"", "\"0\"", "\"\"", "\"12a\"", "\"-1\"", "\"1.5\"", "1700000000123",
        "-0", "1.5", "null", "\"\\u0031\"", "\" 1\"", "true", "[1]"};
    private static final String[] PAYLOADS = {"{\"n\":1,\"pad\":\"" + PAD + "\"}", "{}", "[]", "[1,2,3]", "null", "true", "false",
        "0", "-0", "1.5e3", "\"x\"", "\"é✓😀\\u00e9\\ud83d\\ude00\\n\"", "{\"a\":[{\"b\":null}],\"c\":\"\\\"\"}", "01", "1.", "[1,]",
        "{\"a\":1,}", "{\"a\"}", "tru", "\"unterminated", "[", "{", "]", "}", "{\"a\":1}}", "[[[[]]]]", "{\"\\ud800\":1}",
        "\"\\ud800\"", "\"a\u0001b\"", "NaN", "1 2", "{\"a\":1} ", " {\"a\":1}", "\"\u2028\""};
    private static final String[] SPACES = {"", "", "", "", " ", "\t", "\r", " \r", "\n"};

    /** What the decoding path sends for a line, or why it rejects it. */
    private static String decoded(byte[] buffer, int offset, int length) {
        Message.Publish publish;
        try {
            publish = PublishLine.parse(buffer, offset, length);
        } catch (PublishLine.Rejected rejected) {
            return "rejected: " + rejected.getMessage();
        }
        ByteSink sink = new ByteSink(16);
        PublishFrame.writeTo(sink, publish.eventType(), publish.eventId(), publish.sourceTime(), publish.payload(), 0,
                publish.payload().length, false);
        return new String(sink.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    /** Asserts that the two paths agree on {@code line}, alone and inside a larger buffer; returns whether the line was taken whole. */
    private static boolean assertSame(byte[] line, Random random) {
        String expected = decoded(line, 0, line.length);
        boolean taken = assertSame(line, 0, line.length, expected);
        byte[] framed = new byte[line.length + 19];
        for (int k = 0; k < framed.length; k++) {
            framed[k] = (byte) "}\"\n ,{x".charAt(random.nextInt(7));
        }
        System.arraycopy(line, 0, framed, 7, line.length);
        assertEquals(taken, assertSame(framed, 7, line.length, expected));
        return taken;
    }

    private static boolean assertSame(byte[] buffer, int offset, int length, String expected) {
        ByteSink sink = new ByteSink(16);
        sink.write('#'); // whatever the sink holds already stays as it is
        boolean taken = PublishFrame.writeLine(sink, buffer, offset, length);
        String written = new String(sink.toByteArray(), 1, sink.size() - 1, StandardCharsets.ISO_8859_1);
        String line = new String(buffer, offset, length, StandardCharsets.UTF_8);
        assertEquals('#', sink.array()[0]);
        if (taken) {
            assertEquals(expected, written, () -> "seed " + SEED + ": " + line);
        } else {
            assertEquals("", written, () -> "declined, yet wrote: " + line);
        }
        return taken;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void takesTheUsualLinesWholeAndFramesThemAsDecodingDoes() {
        Random random = new Random(SEED);
        String[] lines = {
            "{\"event_type\":\"bench.tick\",\"event_id\":\"e-1\",\"payload\":{\"n\":1,\"pad\":\"" + PAD + "\"}}",
            "{\"event_type\":\"bench.pipe\",\"payload\":{\"n\":\"0000000001\",\"t\":\"0000000000000000000\",\"pad\":\"" + PAD + "\"}}",
            "{\"event_type\":\"order.placed\",\"event_id\":\"o-1\",\"source_time\":\"1795459287916\",\"payload\":{\"total\":30}}",
            "{\"event_type\":\"t\",\"source_time\":\"1\",\"payload\":null}",
            "{\"event_type\":\"t\",\"event_id\":\"\",\"payload\":\"é✓😀\\u00e9\\ud800\"}",
            "{\"event_type\":\"t\",\"payload\":[1,{\"a\":[]}]} \r",
        };
        for (String line : lines) {
            assertTrue(assertSame(utf8(line), random), line);
        }
    }

    @Test
    void declinesWhatItCannotPassThroughAsItIs() {
        Random random = new Random(SEED);
        String[] lines = {
            "{\"type\":\"publish\",\"event_type\":\"t\",\"payload\":1}", // a type member: decoded
            "{\"event_type\":\"t\",\"payload\":1,\"ack\":true}", // an ack the decoding path drops
            "{\"event_type\":\"t\",\"payload\":1,\"extra\":2}",
            "{\"event_id\":\"i\",\"event_type\":\"t\",\"payload\":1}", // another order
            "{ \"event_type\":\"t\",\"payload\":1}", " {\"event_type\":\"t\",\"payload\":1}",
            "{\"event_type\":\"t\",\"payload\": 1}", "{\"event_type\":\"t\",\"payload\":1 }",
            "{\"event_type\":\"t\"}", // no payload: decoded as null
            "{\"event_type\":\"t\",\"source_time\":1,\"payload\":1}", // a number the frame quotes
            "{\"event_type\":\"é\",\"payload\":1}", "{\"event_type\":\"a\\u0041\",\"payload\":1}",
            "{\"event_type\":\"\",\"payload\":1}", "{\"event_type\":\"a*\",\"payload\":1}",
            "{\"event_type\":\"" + "t".repeat(EventRules.MAX_TYPE_CHARS + 1) + "\",\"payload\":1}", // too long a type
            "{\"event_type\":\"t\",\"source_time\":\"\",\"payload\":1}", "{\"event_type\":\"t\",\"source_time\":\"1a\",\"payload\":1}",
            "{\"event_type\":\"t\",\"payload\":01}", "{\"event_type\":\"t\",\"payload\":{}}}", "{\"event_type\":\"t\",\"payload\":{}",
            "{\"event_type\":\"t\",\"event_type\":\"u\",\"payload\":1}", "{\"event_type\":\"t\",\"payload\":1,\"payload\":2}",
            "{\"event_type\":\"t\",\"payload\":\"\\ud800\"} x",
        };
        for (String line : lines) {
            assertEquals(false, assertSame(utf8(line), random), line);
        }
    }

    /** Lines put together from members of every kind, in and out of the canonical layout, then now and then damaged. */
    @Test
    void agreesWithTheDecodingPathOnRandomLines() {
        Random random = new Random(SEED);
        int taken = 0;
        int rejected = 0;
        for (int n = 0; n < LINES; n++) {
            byte[] line = line(random);
            if (random.nextInt(4) == 0) {
                line = damage(line, random);
            }
            if (assertSame(line, random)) {
                taken++;
            } else if (decoded(line, 0, line.length).startsWith("rejected: ")) {
                rejected++;
            }
        }
        // Not vacuous: both kinds of line came up often.
        assertTrue(taken > LINES / 10, "taken whole: " + taken);
        assertTrue(rejected > LINES / 10, "rejected: " + rejected);
    }

    private static byte[] line(Random random) {
        List<String> members = new ArrayList<>();
        if (random.nextInt(12) != 0) {
            members.add("\"event_type\":" + text(random));
        }
        if (random.nextBoolean()) {
            members.add("\"event_id\":" + (random.nextInt(12) == 0 ? "null" : text(random)));
        }
        if (random.nextInt(3) == 0) {
            members.add("\"source_time\":" + (random.nextBoolean() ? "\"1700000000123\"" : pick(random, TIMES)));
        }
        if (random.nextInt(12) != 0) {
            members.add("\"payload\":" + pick(random, PAYLOADS));
        }
        if (random.nextInt(10) == 0) {
            members.add(pick(random, new String[] {"\"type\":\"publish\"", "\"type\":\"event\"", "\"ack\":true", "\"ack\":false",
                "\"extra\":[1]", "\"payload\":2", "\"event_type\":\"again\""}));
        }
        if (random.nextInt(8) == 0) {
            Collections.shuffle(members, random);
        }
        boolean spaced = random.nextInt(8) == 0;
        StringBuilder out = new StringBuilder(spaced ? pick(random, SPACES) : "").append('{');
        for (int k = 0; k < members.size(); k++) {
            String member = members.get(k);
            if (spaced) {
                member = member.replaceFirst(":", pick(random, SPACES) + ":" + pick(random, SPACES));
            }
            out.append(k == 0 ? "" : ",").append(member);
        }
        out.append('}');
        if (random.nextInt(4) == 0) {
            out.append(pick(random, SPACES));
        }
        return utf8(out.toString());
    }

    /** Half the time one a line may pass through with, else any string, and now and then not a string. */
    private static String text(Random random) {
        if (random.nextInt(20) == 0) {
            return pick(random, PAYLOADS);
        }
        return "\"" + (random.nextBoolean() ? pick(random, GOOD_TEXTS) : pick(random, TEXTS)) + "\"";
    }

    /** A byte changed, dropped or doubled, or the line cut short. */
    private static byte[] damage(byte[] line, Random random) {
        if (line.length == 0) {
            return line;
        }
        int at = random.nextInt(line.length);
        byte[] odd = "{}[],:\"\\ 0-.e\u0001*".getBytes(StandardCharsets.US_ASCII);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] copy = line.clone();
                copy[at] = random.nextBoolean() ? odd[random.nextInt(odd.length)] : (byte) random.nextInt(256);
                yield copy;
            }
            case 1 -> {
                byte[] copy = new byte[line.length - 1];
                System.arraycopy(line, 0, copy, 0, at);
                System.arraycopy(line, at + 1, copy, at, line.length - at - 1);
                yield copy;
            }
            case 2 -> {
                byte[] copy = new byte[line.length + 1];
                System.arraycopy(line, 0, copy, 0, at + 1);
                System.arraycopy(line, at, copy, at + 1, line.length - at);
                yield copy;
            }
            default -> java.util.Arrays.copyOf(line, at);
        };
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
