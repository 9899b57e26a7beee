package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PassThroughTest {

    @Test
    void busFrameBecomesTheDocumentedOutputLineInPlace() throws Exception {
        byte[] payload = "{\"x\":\",\\\"seq\\\":9\",\"seq\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = frame(EventFrame.of("order.placed", "id,\"seq\":3", "1700", 0, payload), 42);

        assertEquals(42, PassThrough.seqOf(frame, 0, frame.length));
        int start = PassThrough.outputStart(frame, 0);
        String line = new String(frame, start, frame.length - start, StandardCharsets.UTF_8);
        assertEquals("{\"event_id\":\"id,\\\"seq\\\":3\",\"event_type\":\"order.placed\",\"source_time\":\"1700\",\"seq\":42,"
                + "\"payload\":{\"x\":\",\\\"seq\\\":9\",\"seq\":1}}", line);
        assertEquals(42, new ObjectMapper().readTree(line).get("seq").asLong());
    }

    @Test
    void frameAtAnOffsetInsideALargerBufferIsFoundToo() {
        byte[] frame = frame(EventFrame.of("t", null, "1", 0, "[]".getBytes(StandardCharsets.UTF_8)), 7);
        byte[] buffer = new byte[frame.length + 10];
        System.arraycopy(frame, 0, buffer, 5, frame.length);
        assertEquals(7, PassThrough.seqOf(buffer, 5, frame.length));
    }

    @Test
    void framesOfAnyOtherLayoutAreLeftToTheDecoder() {
        for (String other : new String[] {
                "{\"event_type\":\"t\",\"type\":\"event\",\"seq\":1,\"payload\":1}",
                "{\"type\":\"event\",\"event_type\":\"t\",\"payload\":1,\"seq\":1}",
                "{\"type\":\"event\",\"event_type\":\"t\",\"seq\":,\"payload\":1}",
                "{\"type\":\"pre_shutdown_ack\",\"last_for_key\":true}"}) {
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            assertEquals(-1, PassThrough.seqOf(bytes, 0, bytes.length), other);
        }
    }

    private static byte[] frame(EventFrame frame, long seq) {
        ByteSink sink = new ByteSink(64);
        frame.writeTo(sink, seq);
        return Arrays.copyOf(sink.array(), sink.size() - 1); // as FrameReader returns it: no newline
    }
}
