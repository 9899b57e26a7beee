package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The control-frame fast path must decode exactly as the Jackson path does, or step aside: every
 * test compares the two on the same bytes, and checks which of them answered.
 */
class ControlFrameScannerTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void assertAgrees(byte[] frame) {
        assertEquals(DecodeOutcome.of(FrameCodec::decodeWithJackson, frame, 0, frame.length, null),
                DecodeOutcome.of(FrameCodec::decode, frame, 0, frame.length, null), () -> DecodeOutcome.show(frame));
    }

    @ParameterizedTest
    @MethodSource("dev.evbus.protocol.FrameCodecTest#controlMessages")
    void decodesWhatTheCodecWritesWithoutJacksonAndAsJacksonDoes(Message message) throws FrameException {
        byte[] frame = FrameCodec.encode(message);
        assertAgrees(frame);
        assertEquals(FrameCodec.decodeWithJackson(frame, 0, frame.length, null), ControlFrameScanner.scan(frame, 0, frame.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"hello_ack\",\"bus_version\":\"0.1.0\",\"reject_reason\":\"a \\\"b\\\" \\u00e9\\n\\ud83d\\ude00\\ud800\"}", // escapes
        "{\"type\":\"bye\",\"caf\u00e9\":1}", // a non-ASCII member name
        "{\"type\":\"publish_ack\",\"accepted\":2,\"rejected\":0,\"duplicates\":0,\"\\u0061\":[\"x\\/y\"]}" // an escaped name
    })
    void decodesEscapesAndNamesOfAnyLetterAsJacksonDoes(String text) throws FrameException {
        byte[] frame = utf8(text);
        Message scanned = ControlFrameScanner.scan(frame, 0, frame.length);
        assertEquals(FrameCodec.decodeWithJackson(frame, 0, frame.length, null), scanned);
        assertEquals(true, scanned != null, "decoded without Jackson");
        assertAgrees(frame);
    }

    @Test
    void readsAFrameInsideALargerBufferByItsOffsetAndLength() {
        byte[] frame = utf8("xx{\"type\":\"publish_ack\",\"accepted\":3,\"duplicates\":0,\"rejected\":1}\nyy");
        Message message = ControlFrameScanner.scan(frame, 2, frame.length - 4);
        assertEquals(new Message.PublishAck(3, 0, 1), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"bye\",\"event_type\":1,\"event_type\":\"a\"}", // an event field the Jackson path refuses
        "{\"type\":\"commit\",\"offset\":[1]}", // an event field the Jackson path would read into
        "{\"type\":\"publish_ack\",\"accepted\":1.0}", // a fraction
        "{\"type\":\"publish_ack\",\"accepted\":1e2}", // an exponent
        "{\"type\":\"publish_ack\",\"accepted\":1234567890123456789}", // 19 digits
        "{\"type\":{\"x\":1},\"type\":\"bye\"}", // a type the Jackson path would read into
        "{\"type\":\"bye\",\"\\ud800\":1}", // an escaped surrogate in a member name, whose pairing Jackson checks
        "{\"type\":\"bye\"} {}", // two values
        "{\"type\":\"bye\",}", // not JSON
        "[\"type\",\"bye\"]", // not an object
        "{\"pid\":1}", // no type
        "{\"type\":\"event\",\"event_type\":\"a\"}" // an event frame
    })
    void stepsAsideForWhatItDoesNotHandleAndTheCodecStillAgrees(String text) {
        byte[] frame = utf8(text);
        assertNull(ControlFrameScanner.scan(frame, 0, frame.length));
        assertAgrees(frame);
    }

    @Test
    void stepsAsideBelowTheDepthTheTreeKeeps() {
        String deep = "[".repeat(JsonTrees.MAX_DEPTH) + "]".repeat(JsonTrees.MAX_DEPTH);
        byte[] frame = utf8("{\"type\":\"hello_ack\",\"bus_version\":\"0.1.0\",\"extra\":" + deep + "}");
        assertNull(ControlFrameScanner.scan(frame, 0, frame.length));
        assertAgrees(frame);
        String fits = "[".repeat(JsonTrees.MAX_DEPTH - 2) + "]".repeat(JsonTrees.MAX_DEPTH - 2);
        byte[] shallow = utf8("{\"type\":\"hello_ack\",\"bus_version\":\"0.1.0\",\"extra\":" + fits + "}");
        assertNotNull(ControlFrameScanner.scan(shallow, 0, shallow.length));
        assertAgrees(shallow);
    }

    @Test
    void keepsNonAsciiTextAndTheLastOfARepeatedMember() {
        byte[] frame = utf8("{\"type\":\"error\",\"message\":\"first\",\"message\":\"caf\u00e9 \u2713 \ud83d\ude00\"}");
        assertEquals(new Message.Error("caf\u00e9 \u2713 \ud83d\ude00"), ControlFrameScanner.scan(frame, 0, frame.length));
        assertAgrees(frame);
    }

    @Test
    void agreesWithJacksonOnRandomFramesAndAnswersManyOfThem() throws Throwable {
        int[] answered = new int[1];
        SmallStack.run(() -> {
            FuzzInputs inputs = new FuzzInputs(new Random(515));
            for (int k = 0; k < 20_000; k++) {
                byte[] frame = inputs.frame();
                assertAgrees(frame);
                if (ControlFrameScanner.scan(frame, 0, frame.length) != null) {
                    answered[0]++;
                }
            }
        });
        assertTrue(answered[0] > 1_000, "the fast path answered only " + answered[0] + " of 20,000 frames");
    }
}
