package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast path must decode every frame exactly as the Jackson path does: the same record, or the
 * same error message. Every test compares the two on the same bytes.
 */
class PublishScannerTest {
    private static final String PUBLISH = "publish";
    private static final String PAD = "x".repeat(180);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What a decode came to, as text that is equal exactly when the outcomes are. */
    private static String outcome(Decoder decoder, byte[] buffer, int offset, int length, String impliedType) {
        try {
            return describe(decoder.decode(buffer, offset, length, impliedType));
        } catch (FrameException e) {
            return "FrameException: " + e.getMessage();
        }
    }

    private static String describe(Message message) {
        return switch (message) {
            case Message.Publish p -> "Publish[" + p.eventType() + "|" + p.eventId() + "|" + p.sourceTime() + "|"
                    + p.ack() + "|" + HexFormat.of().formatHex(p.payload()) + "]";
            case Message.Event e -> "Event[" + e.eventType() + "|" + e.eventId() + "|" + e.sourceTime() + "|"
                    + e.offset() + "|" + e.seq() + "|" + HexFormat.of().formatHex(e.payload()) + "]";
            default -> message.toString();
        };
    }

    private interface Decoder {
        Message decode(byte[] buffer, int offset, int length, String impliedType) throws FrameException;
    }

    /** Asserts that both paths agree on {@code frame}, also when it sits inside a larger buffer; returns whether the fast path answered. */
    private static boolean assertSame(byte[] frame, String impliedType) {
        String expected = outcome(FrameCodec::decodeWithJackson, frame, 0, frame.length, impliedType);
        assertEquals(expected, outcome(FrameCodec::decode, frame, 0, frame.length, impliedType), () -> show(frame));
        byte[] framed = new byte[frame.length + 7];
        framed[0] = '{';
        framed[1] = '"';
        System.arraycopy(frame, 0, framed, 3, frame.length);
        framed[framed.length - 1] = '}';
        assertEquals(expected, outcome(FrameCodec::decode, framed, 3, frame.length, impliedType), () -> "at offset 3: " + show(frame));
        return PublishScanner.scan(frame, 0, frame.length, impliedType) != null;
    }

    private static boolean assertSame(String frame) {
        return assertSame(utf8(frame), null);
    }

    private static String show(byte[] frame) {
        String text = new String(frame, StandardCharsets.ISO_8859_1);
        return text.length() > 300 ? text.substring(0, 300) + "… (" + frame.length + " bytes)" : text + " [" + HexFormat.of().formatHex(frame) + "]";
    }

    private static String publish(String payload) {
        return "{\"type\":\"publish\",\"event_type\":\"t\",\"payload\":" + payload + "}";
    }

    @Test
    void decodesTheUsualFramesOnTheFastPath() {
        String[] frames = {
            "{\"type\":\"publish\",\"event_type\":\"bench.tick\",\"event_id\":\"e-123\",\"payload\":{\"n\":123,\"pad\":\"" + PAD + "\"}}\n",
            "{\"payload\":[1,2,3],\"ack\":true,\"event_id\":\"x\",\"event_type\":\"a.b\",\"type\":\"publish\",\"source_time\":\"2025-01-02T03:04:05Z\"}",
            " \t\r\n{ \"type\" : \"publish\" , \"event_type\" : \"t\" , \"payload\" : { \"a\" : [ 1 , { } , [ ] ] } } \r\n",
            "{\"type\":\"publish\",\"event_type\":\"t\",\"source_time\":1700000000123,\"payload\":null}",
            "{\"type\":\"publish\",\"event_type\":\"t\",\"source_time\":-0,\"payload\":-0}",
            "{\"type\":\"publish\",\"event_type\":null,\"event_id\":null,\"source_time\":null}",
            "{\"type\":\"publish\",\"event_type\":\"é✓😀\",\"payload\":\"é✓😀\\u00e9\\ud83d\\ude00\\ud800\\n\\\"\\\\\\/\\b\\f\\r\\t\"}",
            "{\"type\":\"publish\",\"type\":\"publish\",\"event_type\":\"first\",\"event_type\":\"last\",\"payload\":1,\"payload\":[2]}",
            "{\"type\":\"publish\",\"ack\":true,\"ack\":false,\"payload\":{\"a\":1,\"a\":2}}",
            "{\"type\":\"publish\",\"ack\":1,\"seq\":\"x\",\"offset\":-123456789012345678,\"unknown\":{\"deep\":[[[{}]]]},\"\":0}",
            "{\"type\":\"publish\",\"payload\":\"\u007f\"}",
            "{\"type\":\"publish\"}",
        };
        for (String frame : frames) {
            assertTrue(assertSame(frame), frame);
        }
        assertTrue(assertSame(utf8("{\"event_type\":\"t\",\"payload\":{}}"), PUBLISH));
        assertTrue(assertSame(utf8("{}"), PUBLISH));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0", "-0", "1", "-1", "123", "1e5", "1E+5", "1e-5", "-1.5E-07", "0.5", "0e0", "1.0", "12345678901234567890123456789",
        "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "1.e5", "0x10", "NaN", "-Infinity", "Infinity", "1.5.3", "--1", "1 2",
        "true", "false", "null", "tru", "nul", "truex", "True", "NULL",
        "\"\"", "\"a\"", "\"\\u0041\"", "\"\\u00\"", "\"\\u00zz\"", "\"\\x\"", "\"\\'\"", "\"a\tb\"", "\"a\nb\"", "\"\u0000\"", "\"unterminated",
        "[]", "[1,2]", "[1,]", "[,1]", "[1 2]", "[", "]", "{}", "{\"a\":1}", "{\"a\":1,}", "{\"a\"}", "{\"a\":}", "{a:1}", "{'a':1}",
        "{\"a\":1 \"b\":2}", "{\"a\"::1}", "[[[[]]]]", "[{\"a\":[{\"b\":null}]}]", "/*c*/1", "1//c", "#1", "'a'", "",
    })
    void agreesOnPayloads(String payload) {
        assertSame(publish(payload));
        assertSame("{\"type\":\"publish\",\"other\":" + payload + "}");
        assertSame("{\"type\":\"publish\",\"payload\":[" + payload + "]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "[]", "null", "\"publish\"", "{} {}", "{}x", "{},", "{\"type\":\"publish\"", "{\"type\":\"publish\",}", "{,}",
        "{\"type\":\"publish\"}}", "{\"type\":\"publish\"}\u0000", "\uFEFF{\"type\":\"publish\"}", "{\"type\":\"publish\"} 1",
        "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":3,\"offset\":9,\"payload\":1}", "{\"type\":\"hello\"}", "{\"type\":\"mystery\"}",
        "{\"type\":null,\"payload\":1}", "{\"type\":1}", "{\"type\":{\"a\":\"b\"}}", "{\"type\":[\"publish\"]}", "{\"type\":\"publis\\u0068\"}",
        "{\"type\":\"publish\",\"type\":\"event\"}", "{\"type\":\"event\",\"type\":\"publish\"}",
        "{\"type\":\"publish\",\"event_type\":1}", "{\"type\":\"publish\",\"event_type\":true}", "{\"type\":\"publish\",\"event_id\":[1]}",
        "{\"type\":\"publish\",\"event_type\":\"a\\nb\"}", "{\"type\":\"publish\",\"event_id\":\"\\u0041\"}",
        "{\"type\":\"publish\",\"source_time\":1.5}", "{\"type\":\"publish\",\"source_time\":1e3}", "{\"type\":\"publish\",\"source_time\":{}}",
        "{\"type\":\"publish\",\"source_time\":\"\\u0031\"}", "{\"type\":\"publish\",\"source_time\":99999999999999999999999}",
        "{\"type\":\"publish\",\"ack\":{\"ack\":true}}", "{\"type\":\"publish\",\"ack\":[true]}", "{\"type\":\"publish\",\"ack\":null}",
        "{\"type\":\"publish\",\"seq\":{\"event_type\":\"x\"}}", "{\"type\":\"publish\",\"offset\":[1]}",
        "{\"type\":\"publish\",\"seq\":9223372036854775807}", "{\"type\":\"publish\",\"seq\":9223372036854775808}",
        "{\"type\":\"publish\",\"offset\":-9223372036854775809}", "{\"type\":\"publish\",\"seq\":1.5e400}",
        "{\"type\":\"publish\",\"event_\\u0074ype\":\"x\"}", "{\"type\":\"publish\",\"é\":1}", "{\"t\\\"\":1,\"type\":\"publish\"}",
        "{\"type\":\"publish\",\"payload\":1,\"payload\":01}", "{\"type\":\"publish\" \"payload\":1}", "{\"type\" \"publish\"}",
        "{\"type\":\"publish\",\"payload\":1}\n\n", "{\"type\":\"publish\",\"payload\":{\"\\ud83d\\ude00\\u00e9\":1}}",
        "{\"type\":\"publish\",\"payload\":{\"\\ud83d\":1}}", "{\"type\":\"publish\",\"payload\":{\"\\ude00\":1}}",
        "{\"type\":\"publish\",\"payload\":{\"\\ud83d\\u0041\":1}}", "{\"type\":\"publish\",\"payload\":{\"\\ud83dx\":1}}", "{\"type\":\"publish\"\u000b}", "{\"type\":\"publish\"\f}",
    })
    void agreesOnFrames(String frame) {
        assertSame(frame);
        assertSame(utf8(frame), PUBLISH);
        assertSame(utf8(frame), "event");
    }

    @Test
    void agreesAtJacksonsNestingLimit() {
        for (int depth = 997; depth <= 1002; depth++) {
            int nested = depth - 1; // the frame object is the first level
            String arrays = "[".repeat(nested) + "]".repeat(nested);
            assertEquals(depth <= 1000, assertSame(publish(arrays)), "depth " + depth);
            assertSame("{\"type\":\"publish\",\"x\":" + arrays + "}");
            assertSame(publish("{\"a\":".repeat(nested - 1) + "{}" + "}".repeat(nested - 1)));
        }
    }

    @Test
    void agreesAtJacksonsLengthLimits() {
        for (int digits = 998; digits <= 1002; digits++) {
            assertSame(publish("1".repeat(digits)));
            assertSame(publish("-" + "1".repeat(digits)));
            assertSame(publish("1." + "1".repeat(digits)));
            assertSame(publish("1e" + "1".repeat(digits)));
        }
        for (int length = 49_999; length <= 50_001; length++) {
            assertSame("{\"type\":\"publish\",\"" + "n".repeat(length) + "\":1}");
            assertSame(publish("{\"" + "n".repeat(length) + "\":1}"));
        }
    }

    /** Every lead byte, with following bytes on each side of every boundary RFC 3629 draws. */
    @Test
    void agreesOnEveryKindOfUtf8Sequence() {
        int[] seconds = {0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
        int[] tails = {0x41, 0x80, 0xBF, 0xC0};
        int fast = 0;
        for (int lead = 0x80; lead <= 0xFF; lead++) {
            for (int second : seconds) {
                for (int third : lead < 0xE0 ? new int[] {0x41} : tails) {
                    for (int fourth : lead < 0xF0 ? new int[] {0x41} : tails) {
                        byte[] sequence = {(byte) lead, (byte) second, (byte) third, (byte) fourth};
                        fast += assertUtf8(sequence) ? 1 : 0;
                    }
                }
            }
        }
        assertTrue(fast > 0);
    }

    private static boolean assertUtf8(byte[] sequence) {
        boolean fast = false;
        for (String[] around : new String[][] {
            {"{\"type\":\"publish\",\"payload\":\"", "\"}"},
            {"{\"type\":\"publish\",\"payload\":[\"", "\"]}"},
            {"{\"type\":\"publish\",\"x\":\"", "\"}"},
            {"{\"type\":\"publish\",\"event_type\":\"", "\"}"},
            {"{\"type\":\"publish\",\"payload\":{\"", "\":1}}"},
        }) {
            byte[] head = utf8(around[0]);
            byte[] tail = utf8(around[1]);
            byte[] frame = new byte[head.length + sequence.length + tail.length];
            System.arraycopy(head, 0, frame, 0, head.length);
            System.arraycopy(sequence, 0, frame, head.length, sequence.length);
            System.arraycopy(tail, 0, frame, head.length + sequence.length, tail.length);
            fast |= assertSame(frame, null);
        }
        return fast;
    }

    @Test
    void fallsBackForWhatItDoesNotHandle() {
        assertNull(scan("{\"type\":\"event\"}", null));
        assertNull(scan("{\"event_type\":\"t\"}", null));
        assertNull(scan("{\"type\":\"publish\",\"payload\":01}", null));
        assertNull(scan("{\"type\":\"publish\",\"event_id\":\"\\u0041\"}", null));
        assertNotNull(scan("{\"event_type\":\"t\"}", PUBLISH));
    }

    private static Message.Publish scan(String frame, String impliedType) {
        byte[] bytes = utf8(frame);
        return PublishScanner.scan(bytes, 0, bytes.length, impliedType);
    }

    /** Random frames built from random values, then random byte damage to them: both paths must agree on all. */
    @Test
    void agreesOnRandomFramesAndTheirMutations() {
        Random random = new Random(20250102);
        int fast = 0;
        for (int n = 0; n < 3000; n++) {
            byte[] frame = utf8(randomFrame(random));
            String implied = random.nextInt(4) == 0 ? PUBLISH : null;
            fast += assertSame(frame, implied) ? 1 : 0;
            for (int m = 0; m < 3; m++) {
                assertSame(mutate(frame, random), implied);
            }
        }
        assertTrue(fast > 1000, "fast path answered " + fast + " of 3000 valid frames");
    }

    private static byte[] mutate(byte[] frame, Random random) {
        byte[] copy = frame.clone();
        int at = random.nextInt(frame.length);
        switch (random.nextInt(5)) {
            case 0 -> copy[at] = (byte) random.nextInt(256);
            case 1 -> copy[at] = (byte) pick(random, "{}[],:\"\\ 0-.eE+tfnu\u0001");
            case 2 -> copy = java.util.Arrays.copyOf(frame, at);
            case 3 -> {
                copy = new byte[frame.length - 1];
                System.arraycopy(frame, 0, copy, 0, at);
                System.arraycopy(frame, at + 1, copy, at, frame.length - at - 1);
            }
            default -> {
                copy = new byte[frame.length + 1];
                System.arraycopy(frame, 0, copy, 0, at);
                copy[at] = (byte) pick(random, "{}[],:\"\\ 0-.eE+\u00e9\u0080\u00ff");
                System.arraycopy(frame, at, copy, at + 1, frame.length - at);
            }
        }
        return copy;
    }

    private static char pick(Random random, String chars) {
        return chars.charAt(random.nextInt(chars.length()));
    }

    private static String randomFrame(Random random) {
        List<String> members = new ArrayList<>();
        if (random.nextInt(5) != 0) {
            members.add("\"type\":" + (random.nextInt(10) == 0 ? randomValue(random, 0) : "\"publish\""));
        }
        String[] names = {"event_type", "event_id", "source_time", "ack", "payload", "seq", "offset", "other", "payload"};
        for (String name : names) {
            if (random.nextBoolean()) {
                members.add("\"" + name + "\":" + fieldValue(name, random));
            }
        }
        java.util.Collections.shuffle(members, random);
        StringBuilder out = new StringBuilder(space(random)).append('{');
        for (int k = 0; k < members.size(); k++) {
            out.append(k == 0 ? "" : ",").append(space(random)).append(members.get(k)).append(space(random));
        }
        return out.append('}').append(space(random)).toString();
    }

    private static String fieldValue(String name, Random random) {
        if (random.nextInt(6) == 0) {
            return randomValue(random, 0);
        }
        return switch (name) {
            case "event_type", "event_id" -> "\"" + (random.nextInt(5) == 0 ? randomText(random) : plainText(random)) + "\"";
            case "source_time" -> random.nextBoolean() ? String.valueOf(random.nextLong()) : "\"2025-01-02T03:04:05Z\"";
            case "ack" -> String.valueOf(random.nextBoolean());
            case "seq", "offset" -> String.valueOf(random.nextInt(8) == 0 ? random.nextLong() : random.nextInt());
            default -> randomValue(random, 0);
        };
    }

    private static String randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 4 ? 5 : 7);
        return switch (kind) {
            case 0 -> "\"" + randomText(random) + "\"";
            case 1 -> randomNumber(random);
            case 2 -> new String[] {"true", "false", "null"}[random.nextInt(3)];
            case 3 -> "\"" + PAD.substring(random.nextInt(PAD.length())) + "\"";
            case 4 -> String.valueOf(random.nextInt());
            case 5 -> {
                StringBuilder out = new StringBuilder("[");
                for (int k = random.nextInt(4); k > 0; k--) {
                    out.append(space(random)).append(randomValue(random, depth + 1)).append(k > 1 ? "," : "");
                }
                yield out.append(space(random)).append(']').toString();
            }
            default -> {
                StringBuilder out = new StringBuilder("{");
                for (int k = random.nextInt(4); k > 0; k--) {
                    out.append(space(random)).append('"').append(random.nextInt(5) == 0 ? randomText(random) : plainText(random)).append("\":")
                            .append(randomValue(random, depth + 1)).append(k > 1 ? "," : "");
                }
                yield out.append(space(random)).append('}').toString();
            }
        };
    }

    private static String randomNumber(Random random) {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "-" : "");
        out.append(random.nextInt(4) == 0 ? "0" : String.valueOf(1 + random.nextInt(99999)));
        if (random.nextBoolean()) {
            out.append('.').append(random.nextInt(1000));
        }
        if (random.nextInt(3) == 0) {
            out.append(random.nextBoolean() ? 'e' : 'E').append(new String[] {"", "+", "-"}[random.nextInt(3)]).append(random.nextInt(400));
        }
        return out.toString();
    }

    private static String randomText(Random random) {
        String[] pieces = {"a", "event.x", " ", "é", "✓", "😀", "\\n", "\\\"", "\\\\", "\\u00e9", "\\ud83d\\ude00", "\\/", "Z9_-"};
        StringBuilder out = new StringBuilder();
        for (int k = random.nextInt(6); k > 0; k--) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    /** Text without escapes, which the fast path reads in the fields it decodes. */
    private static String plainText(Random random) {
        String[] pieces = {"a", "event.x", " ", "é", "✓", "😀", "Z9_-"};
        StringBuilder out = new StringBuilder();
        for (int k = random.nextInt(6); k > 0; k--) {
            out.append(pieces[random.nextInt(pieces.length)]);
        }
        return out.toString();
    }

    private static String space(Random random) {
        return new String[] {"", "", "", " ", "\n", "\t", "\r\n ", "  "}[random.nextInt(8)];
    }
}
