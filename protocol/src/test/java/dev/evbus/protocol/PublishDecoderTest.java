package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A producer connection's decoder gives, frame after frame, what {@link FrameCodec#decode(FrameReader)}
 * gives, while leaving a scanned publish frame's payload in the reader's buffer.
 */
class PublishDecoderTest {
    private static final String PAD = "x".repeat(180);

    /** Frames of every kind on one connection, so each frame's fields must not leak into the next. */
    private static final List<String> STREAM = List.of(
            "{\"type\":\"publish\",\"event_type\":\"bench.pipe\",\"event_id\":\"e-1\",\"source_time\":\"17\",\"ack\":true,\"payload\":{\"n\":1,\"pad\":\"" + PAD + "\"}}",
            "{\"type\":\"publish\",\"event_type\":\"bench.pipe\",\"payload\":{\"n\":2}}",
            "{\"type\":\"publish\",\"event_type\":\"other\",\"source_time\":1700000000123,\"payload\":[1,2]}",
            "{\"type\":\"publish\",\"event_type\":\"bench.pipe\"}",
            "{\"type\":\"publish\",\"event_type\":\"é✓😀\",\"payload\":\"é\"}",
            "{\"type\":\"publish\",\"event_type\":\"esc\\u0061ped\",\"payload\":1}",
            "{\"type\":\"publish\",\"event_type\":\"t\",\"payload\":{\"open\":",
            "{\"type\":\"bye\"}",
            "{\"type\":\"hello\",\"protocol\":1}",
            "{\"event_type\":\"no type\",\"payload\":1}",
            "not json",
            "{\"type\":\"publish\",\"event_type\":null,\"event_id\":null,\"payload\":true}");

    private static String outcome(Message.Publish publish) {
        return "Publish[" + publish.eventType() + "|" + publish.eventId() + "|" + publish.sourceTime() + "|"
                + publish.ack() + "|" + HexFormat.of().formatHex(publish.payload()) + "]";
    }

    private static String codecOutcome(FrameReader reader) {
        try {
            Message message = FrameCodec.decode(reader);
            return message instanceof Message.Publish publish ? outcome(publish) : message.toString();
        } catch (FrameException e) {
            return "FrameException: " + e.getMessage();
        }
    }

    private static String decoderOutcome(PublishDecoder decoder, FrameReader reader) {
        try {
            if (decoder.scan(reader)) {
                byte[] payload = Arrays.copyOfRange(decoder.payloadBuffer(), decoder.payloadOffset(),
                        decoder.payloadOffset() + decoder.payloadLength());
                return outcome(new Message.Publish(decoder.eventType(), decoder.eventId(), decoder.sourceTime(), payload,
                        decoder.ack()));
            }
            Message message = decoder.decodeOther(reader);
            return message instanceof Message.Publish publish ? outcome(publish) : message.toString();
        } catch (FrameException e) {
            return "FrameException: " + e.getMessage();
        }
    }

    /** The stream through a reader whose buffer starts at 16 bytes, so frames move and the buffer grows between them. */
    private static FrameReader reader() {
        byte[] bytes = (String.join("\n", STREAM) + "\n").getBytes(StandardCharsets.UTF_8);
        return new FrameReader(new ByteArrayInputStream(bytes), FrameReader.MAX_FRAME, 16);
    }

    @Test
    void everyFrameOfAStreamDecodesAsTheCodecDecodesIt() throws Exception {
        List<String> expected = new ArrayList<>();
        FrameReader byCodec = reader();
        while (byCodec.next()) {
            expected.add(codecOutcome(byCodec));
        }
        List<String> decoded = new ArrayList<>();
        PublishDecoder decoder = new PublishDecoder();
        FrameReader byDecoder = reader();
        while (byDecoder.next()) {
            decoded.add(decoderOutcome(decoder, byDecoder));
        }
        assertEquals(STREAM.size(), expected.size());
        assertEquals(expected, decoded);
    }

    @Test
    void aScannedPayloadIsARangeOfTheReadersBufferNotACopy() throws Exception {
        FrameReader reader = reader();
        PublishDecoder decoder = new PublishDecoder();
        assertTrue(reader.next());
        assertTrue(decoder.scan(reader));
        assertSame(reader.buffer(), decoder.payloadBuffer());
        String payload = new String(reader.buffer(), decoder.payloadOffset(), decoder.payloadLength(), StandardCharsets.UTF_8);
        assertEquals("{\"n\":1,\"pad\":\"" + PAD + "\"}", payload);
    }

    @Test
    void aFrameWithoutPayloadHasThePayloadNull() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(
                "{\"type\":\"publish\",\"event_type\":\"t\"}\n".getBytes(StandardCharsets.UTF_8)));
        PublishDecoder decoder = new PublishDecoder();
        assertTrue(reader.next());
        assertTrue(decoder.scan(reader));
        assertEquals("null", new String(decoder.payloadBuffer(), decoder.payloadOffset(), decoder.payloadLength(),
                StandardCharsets.US_ASCII));
    }

    @Test
    void theEventTypesStringIsReusedWhileItRepeatsAndMadeAnewWhenItChanges() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream((
                "{\"type\":\"publish\",\"event_type\":\"a.b\",\"payload\":1}\n"
                + "{\"type\":\"publish\",\"event_type\":\"a.b\",\"payload\":2}\n"
                + "{\"type\":\"publish\",\"event_type\":\"a.c\",\"payload\":3}\n").getBytes(StandardCharsets.UTF_8)));
        PublishDecoder decoder = new PublishDecoder();
        List<String> types = new ArrayList<>();
        while (reader.next()) {
            assertTrue(decoder.scan(reader));
            types.add(decoder.eventType());
        }
        assertEquals(List.of("a.b", "a.b", "a.c"), types);
        assertSame(types.get(0), types.get(1));
        assertNotSame(types.get(1), types.get(2));
    }

    @Test
    void aFrameTheScannerLeavesIsNotTaken() throws Exception {
        FrameReader reader = new FrameReader(new ByteArrayInputStream("{\"type\":\"bye\"}\n".getBytes(StandardCharsets.UTF_8)));
        PublishDecoder decoder = new PublishDecoder();
        assertTrue(reader.next());
        assertFalse(decoder.scan(reader));
        assertEquals(FrameCodec.decode(reader).getClass(), decoder.decodeOther(reader).getClass());
    }
}
