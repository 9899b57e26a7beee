package dev.evbus.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The event frame's layout, written and read in one place: what {@link EventFrame} writes, its readers find again. */
class EventFrameTest {

    @Test
    void whatTheWriterWritesTheReaderReadsBackSeqOffsetAndTheDecoderAgrees() throws Exception {
        byte[] payload = "{\"x\":\",\\\"seq\\\":9,\\\"offset\\\":8\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        for (long offset : new long[] {0, 1, 123_456_789_012L}) {
            for (String id : new String[] {null, "e1", "id,\"seq\":3,\"offset\":4"}) {
                byte[] frame = frame(EventFrame.of("order.placed", id, "1700", offset, payload), 42);
                String what = "offset " + offset + ", id " + id;
                assertEquals(42, EventFrame.seqOf(frame, 0, frame.length), what);
                assertEquals(offset, EventFrame.offsetOf(frame, 0, frame.length), what);
                Message.Event decoded = (Message.Event) FrameCodec.decode(frame, 0, frame.length);
                assertEquals(id, decoded.eventId(), what);
                assertEquals("order.placed", decoded.eventType(), what);
                assertEquals("1700", decoded.sourceTime(), what);
                assertEquals(offset, decoded.offset(), what);
                assertEquals(42, decoded.seq(), what);
                assertArrayEquals(payload, decoded.payload(), what);
            }
        }
    }

    @Test
    void aFrameKeptAsHeadAndTailAroundItsSeqIsTheWholeFrameOnceTheSeqIsBetween() {
        byte[] payload = "[1,2]".getBytes(StandardCharsets.UTF_8);
        ByteSink head = new ByteSink(64);
        EventFrame.writeHead(head, "t", "e", "5", 3);
        byte[] tail = new byte[EventFrame.tailLength(payload.length) + 2];
        assertEquals(tail.length - 1, EventFrame.writeTail(tail, 1, payload, 0, payload.length));

        ByteSink spliced = new ByteSink(64);
        spliced.write(head.toByteArray());
        spliced.writeDecimal(9);
        spliced.write(Arrays.copyOfRange(tail, 1, tail.length - 1));
        ByteSink whole = new ByteSink(64);
        EventFrame.of("t", "e", "5", 3, payload).writeTo(whole, 9);
        assertArrayEquals(whole.toByteArray(), spliced.toByteArray());
        byte[] frame = frame(EventFrame.of("t", "e", "5", 3, payload), 9);
        assertEquals(9, EventFrame.seqOf(frame, 0, frame.length));
    }

    @Test
    void aFrameBecomesTheDocumentedOutputLineInPlace() throws Exception {
        byte[] payload = "{\"x\":\",\\\"seq\\\":9\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = frame(EventFrame.of("order.placed", "id,\"seq\":3", "1700", 0, payload), 42);

        int start = EventFrame.outputStart(frame, 0);
        String line = new String(frame, start, frame.length - start, StandardCharsets.UTF_8);
        assertEquals("{\"event_id\":\"id,\\\"seq\\\":3\",\"event_type\":\"order.placed\",\"source_time\":\"1700\",\"seq\":42,"
                + "\"payload\":{\"x\":\",\\\"seq\\\":9\",\"seq\":1}}", line);
        assertEquals(42, new ObjectMapper().readTree(line).get("seq").asLong());
    }

    @Test
    void aFrameAtAnOffsetInsideALargerBufferIsReadToo() {
        byte[] frame = frame(EventFrame.of("t", null, "1", 9, "[]".getBytes(StandardCharsets.UTF_8)), 7);
        byte[] buffer = new byte[frame.length + 10];
        System.arraycopy(frame, 0, buffer, 5, frame.length);
        assertEquals(7, EventFrame.seqOf(buffer, 5, frame.length));
        assertEquals(9, EventFrame.offsetOf(buffer, 5, frame.length));
        int start = EventFrame.outputStart(buffer, 5);
        assertEquals("{\"event_type\":\"t\",\"source_time\":\"1\",\"offset\":9,\"seq\":7,\"payload\":[]}",
                new String(buffer, start, 5 + frame.length - start, StandardCharsets.UTF_8));
    }

    @Test
    void framesOfAnyOtherLayoutAreLeftToTheDecoder() {
        for (String other : new String[] {
                "{\"event_type\":\"t\",\"type\":\"event\",\"seq\":1,\"payload\":1}",
                "{\"type\":\"event\",\"event_type\":\"t\",\"payload\":1,\"seq\":1}",
                "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":,\"payload\":1}",
                "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":1,\"payload\":1",
                "{\"type\":\"event\",",
                "{\"type\":\"pre_shutdown_ack\",\"last_for_key\":true}"}) {
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, EventFrame.seqOf(bytes, 0, bytes.length), other);
        }
    }

    private static byte[] frame(EventFrame frame, long seq) {
        ByteSink sink = new ByteSink(64);
        frame.writeTo(sink, seq);
        return Arrays.copyOf(sink.array(), sink.size() - 1); // as FrameReader returns it: no newline
    }
}
