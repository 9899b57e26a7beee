package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
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

    /** Asserts that both paths agree on {@code frame}, also when it sits inside a larger buffer; returns whether the fast path answered. */
    private static boolean assertSame(byte[] frame, String impliedType) {
        String expected = DecodeOutcome.of(FrameCodec::decodeWithJackson, frame, 0, frame.length, impliedType);
        assertEquals(expected, DecodeOutcome.of(FrameCodec::decode, frame, 0, frame.length, impliedType), () -> DecodeOutcome.show(frame));
        byte[] framed = new byte[frame.length + 7];
        framed[0] = '{';
        framed[1] = '"';
        System.arraycopy(frame, 0, framed, 3, frame.length);
        framed[framed.length - 1] = '}';
        assertEquals(expected, DecodeOutcome.of(FrameCodec::decode, framed, 3, frame.length, impliedType), () -> "at offset 3: " + DecodeOutcome.show(frame));
        return PublishScanner.decode(frame, 0, frame.length, impliedType) != null;
    }

    private static boolean assertSame(String frame) {
        return assertSame(utf8(frame), null);
    }

    /** Each frame decodes on the fast path, as the Jackson path decodes it. */
    private static void assertAllOnTheFastPath(String... frames) {
        for (String frame : frames) {
            assertTrue(assertSame(frame), frame);
        }
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
        assertAllOnTheFastPath(frames);
        assertTrue(assertSame(utf8("{\"event_type\":\"t\",\"payload\":{}}"), PUBLISH));
        assertTrue(assertSame(utf8("{}"), PUBLISH));
    }

    @Test
    void decodesTheEventFramesTheBusWritesOnTheFastPathToo() throws FrameException {
        byte[][] written = {
            FrameCodec.encode(new Message.Event("log.line", "e-1", "2026-01-01T00:00:00Z", 42, 7, utf8("{\"ip\":\"10.0.0.1\",\"n\":[1,2.5]}"))),
            FrameCodec.encode(new Message.Event("a.b", null, "2026-01-01T00:00:00.123Z", 0, 1, utf8("null"))),
            FrameCodec.encode(new Message.Event("t", "x", "1", 123456789012345678L, 987654321098765432L, utf8("\"é😀\""))),
        };
        for (byte[] frame : written) {
            assertTrue(assertSame(frame, null), DecodeOutcome.show(frame));
            assertTrue(FrameCodec.decode(frame) instanceof Message.Event, DecodeOutcome.show(frame));
        }
        assertAllOnTheFastPath(
            "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":-5,\"offset\":\"x\",\"payload\":{}}",
            "{\"type\":\"publish\",\"type\":\"event\",\"seq\":1,\"seq\":2,\"offset\":true,\"payload\":1}",
            "{\"type\":\"event\",\"type\":\"publish\",\"seq\":3,\"payload\":1}",
            "{\"type\":\"event\",\"source_time\":1700000000123,\"ack\":true,\"seq\":-0}",
            "{\"type\":\"event\"}");
        // left to Jackson: a seq too long to be certain it fits, an escape in the type, an array as seq
        for (String frame : new String[] {"{\"type\":\"event\",\"seq\":1234567890123456789}",
                "{\"type\":\"ev\\u0065nt\",\"seq\":1}", "{\"type\":\"event\",\"seq\":[1]}"}) {
            assertTrue(!assertSame(frame), frame);
        }
        // what a producer's connection scans stays publish frames only
        byte[] event = written[0];
        assertTrue(!new PublishScanner().scan(event, 0, event.length, null));
        assertTrue(!new PublishScanner().scan(event, 0, event.length, "publish"));
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
        assertNull(scan("{\"type\":\"hello\"}", null)); // event frames are decoded here too: see above
        assertNull(scan("{\"event_type\":\"t\"}", null));
        assertNull(scan("{\"type\":\"publish\",\"payload\":01}", null));
        assertNull(scan("{\"type\":\"publish\",\"event_id\":\"\\u0041\"}", null));
        assertNotNull(scan("{\"event_type\":\"t\"}", PUBLISH));
    }

    private static Message scan(String frame, String impliedType) {
        byte[] bytes = utf8(frame);
        return PublishScanner.decode(bytes, 0, bytes.length, impliedType);
    }
}
