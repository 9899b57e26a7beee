package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.event.ManualTime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchingSinkTest {
    /** Records documents; "delivers" them only on flush, as stdout does. */
    private static final class RecordingSink implements Sink {
        final List<String> documents = new ArrayList<>();
        long flushedDocuments;

        @Override
        public void write(byte[] json, int offset, int length) {
            documents.add(new String(json, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            flushedDocuments = documents.size();
        }

        @Override
        public long delivered() {
            return flushedDocuments;
        }

        @Override
        public void close() {
            flush();
        }
    }

    private final RecordingSink inner = new RecordingSink();
    private final ManualTime clock = new ManualTime();

    private static void write(Sink sink, String json) throws IOException {
        byte[] bytes = ("xx" + json).getBytes(StandardCharsets.UTF_8);
        sink.write(bytes, 2, bytes.length - 2);
    }

    @Test
    void aBatchClosesWhenItHoldsNEventsAndTheRestLeavesAtClose() throws IOException {
        BatchingSink sink = new BatchingSink(inner, 2, 0, clock);
        for (int i = 1; i <= 5; i++) {
            write(sink, "{\"i\":" + i + "}");
        }
        assertEquals(List.of("[{\"i\":1},{\"i\":2}]", "[{\"i\":3},{\"i\":4}]"), inner.documents);
        sink.close();
        assertEquals("[{\"i\":5}]", inner.documents.get(2));
        assertEquals(5, sink.delivered(), "every event of every batch that left counts as delivered");
    }

    @Test
    void aBatchClosesWhenItsWindowHasPassedSinceItsFirstEvent() throws IOException {
        BatchingSink sink = new BatchingSink(inner, 0, 500, clock);
        write(sink, "1");
        clock.advance(Duration.ofNanos(300));
        write(sink, "2");
        sink.tick();
        assertEquals(List.of(), inner.documents, "300 ns after the first event the window is still open");
        clock.advance(Duration.ofNanos(200));
        sink.tick();
        assertEquals(List.of("[1,2]"), inner.documents);
        assertEquals(2, sink.delivered(), "a batch closed by its window is flushed at once");
        write(sink, "3");
        clock.advance(Duration.ofNanos(499));
        sink.tick();
        assertEquals(1, inner.documents.size(), "the next window starts at the next batch's first event");
    }

    @Test
    void sizeAndWindowTogetherCloseABatchOnWhicheverComesFirst() throws IOException {
        BatchingSink sink = new BatchingSink(inner, 3, 1_000, clock);
        write(sink, "1");
        write(sink, "2");
        write(sink, "3");
        write(sink, "4");
        clock.advance(Duration.ofNanos(1_000));
        sink.tick();
        assertEquals(List.of("[1,2,3]", "[4]"), inner.documents);
    }

    @Test
    void eventsOfBatchesNotYetFlushedAreNotCountedAsDelivered() throws IOException {
        BatchingSink sink = new BatchingSink(inner, 2, 0, clock);
        write(sink, "1");
        write(sink, "2");
        write(sink, "3");
        write(sink, "4");
        assertEquals(0, sink.delivered());
        inner.flush();
        assertEquals(4, sink.delivered());
        sink.close();
        assertEquals(4, sink.delivered(), "closing with nothing open adds nothing");
        assertEquals(2, inner.documents.size());
    }

    @Test
    void closingWithNothingWrittenWritesNoEmptyArray() throws IOException {
        BatchingSink sink = new BatchingSink(inner, 2, 100, clock);
        clock.advance(Duration.ofNanos(1_000));
        sink.tick();
        sink.close();
        assertEquals(List.of(), inner.documents);
    }
}
