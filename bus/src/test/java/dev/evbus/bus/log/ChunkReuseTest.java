package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Retention;
import dev.evbus.event.ManualTime;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A memory-only log reuses the chunk it evicts for its next tail, but never one a reader is copying from. */
class ChunkReuseTest {
    private static final long MIB = 1 << 20;
    private static final String PAD = "p".repeat(200);

    private static RetentionLog log() throws Exception {
        return RetentionLog.open(new Retention(2 * MIB, Duration.ofMinutes(10), false), LogStorage.MEMORY, new ManualTime(Instant.ofEpochMilli(1_000)));
    }

    /** Event {@code n}'s payload: its number first, so a reader can tell which event it got. */
    private static void append(RetentionLog log, long n) {
        byte[] bytes = ("[" + n + ",\"" + PAD + "\"]").getBytes(StandardCharsets.UTF_8);
        log.append("t", null, "5", bytes, 0, bytes.length);
    }

    private static long number(Message.Event event) {
        String payload = new String(event.payload(), StandardCharsets.UTF_8);
        return Long.parseLong(payload.substring(1, payload.indexOf(',')));
    }

    /** Appends numbered events from {@code next} until {@code chunk} is evicted (and perhaps reused); the next number. */
    private static long appendUntilEvicted(RetentionLog log, Chunk chunk, long next) {
        long base = chunk.baseOffset();
        while (chunk.baseOffset() == base && Arrays.asList(log.chunksForTest()).contains(chunk)) {
            append(log, next++);
        }
        return next;
    }

    @Test
    void theChunkEvictedByBytesBecomesTheNewTailAndReadsBackTheNewEvents() throws Exception {
        try (RetentionLog log = log()) {
            long next = 1;
            while (log.firstOffset() == 1) { // fill the log until it evicts once, so it is at max_bytes
                append(log, next++);
            }
            Chunk oldest = log.chunksForTest()[0];
            next = appendUntilEvicted(log, oldest, next);
            Chunk[] chunks = log.chunksForTest();
            assertSame(oldest, chunks[chunks.length - 1], "the evicted chunk's arrays hold the new tail");
            LogReader reader = log.openReader(List.of("*"), oldest.baseOffset());
            ByteSink sink = new ByteSink(1024);
            reader.read(sink, 1 << 20);
            List<Message.Event> events = decode(sink);
            assertFalse(events.isEmpty());
            for (Message.Event event : events) {
                assertEquals(event.offset(), number(event), "each offset reads back its own event");
            }
            assertEquals(next - 1, events.get(events.size() - 1).offset());
        }
    }

    @Test
    void aChunkAReaderHoldsIsNeverResetAndAnEvictedChunkCannotBeHeldAgain() throws Exception {
        try (RetentionLog log = log()) {
            long next = 1;
            while (log.firstOffset() == 1) {
                append(log, next++);
            }
            Chunk held = log.chunksForTest()[0];
            assertTrue(held.pin(), "a retained chunk can be held");
            byte[] before = held.data().clone();
            long base = held.baseOffset();
            int count = held.count();
            next = appendUntilEvicted(log, held, next);
            Chunk[] chunks = log.chunksForTest();
            assertNotSame(held, chunks[chunks.length - 1], "the new tail got a fresh chunk");
            assertArrayEquals(before, held.data(), "the held chunk's bytes are as the reader found them");
            assertEquals(base, held.baseOffset());
            assertEquals(count, held.count());
            held.unpin();
            assertFalse(held.pin(), "an evicted chunk cannot be held again");
            Chunk oldest = log.chunksForTest()[0];
            appendUntilEvicted(log, oldest, next);
            chunks = log.chunksForTest();
            assertSame(oldest, chunks[chunks.length - 1], "once nobody holds a chunk, reuse resumes");
        }
    }

    @Test
    void readersRacingReusedChunksGetEveryEventTheyReceiveIntactAndInOrder() throws Exception {
        try (RetentionLog log = log()) {
            int published = 100_000; // about 25 MB through a 2 MiB log: each chunk is reused many times
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicBoolean done = new AtomicBoolean();
            List<Thread> readers = new ArrayList<>();
            for (int batch : new int[] {512, 4 * 1024, 64 * 1024}) {
                LogReader reader = log.openReader(List.of("*"), log.endOffset());
                readers.add(Thread.ofPlatform().start(() -> {
                    ByteSink sink = new ByteSink(1024);
                    long lastOffset = 0;
                    long received = 0;
                    while (received + reader.dropped() < published && failures.isEmpty()) {
                        sink.reset();
                        received += reader.read(sink, batch);
                        try {
                            for (Message.Event event : decode(sink)) {
                                if (event.offset() != number(event) || event.offset() <= lastOffset) {
                                    failures.add("offset " + event.offset() + " after " + lastOffset + " carried event "
                                            + number(event));
                                }
                                lastOffset = event.offset();
                            }
                        } catch (Exception | AssertionError broken) {
                            failures.add("unreadable frame after offset " + lastOffset + ": " + broken);
                        }
                        if (done.get() && !reader.hasMore()) {
                            break;
                        }
                    }
                    if (received + reader.dropped() != published) {
                        failures.add("received " + received + " and dropped " + reader.dropped() + " of " + published);
                    }
                }));
            }
            for (long n = 1; n <= published; n++) {
                append(log, n);
            }
            done.set(true);
            for (Thread reader : readers) {
                reader.join(Duration.ofSeconds(60));
                assertFalse(reader.isAlive(), "a reader is stuck");
            }
            assertEquals(List.of(), List.copyOf(failures));
        }
    }

    private static List<Message.Event> decode(ByteSink sink) throws Exception {
        List<Message.Event> events = new ArrayList<>();
        byte[] bytes = sink.array();
        int start = 0;
        for (int i = 0; i < sink.size(); i++) {
            if (bytes[i] == '\n') {
                events.add((Message.Event) FrameCodec.decode(bytes, start, i - start));
                start = i + 1;
            }
        }
        return events;
    }
}
