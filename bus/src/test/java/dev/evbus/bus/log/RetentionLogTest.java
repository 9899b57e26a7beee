package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Retention;
import dev.evbus.event.ManualTime;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The log's contract: offsets, reading at one's own pace, retention by bytes and by age, drops told as gaps. */
class RetentionLogTest {
    private static final long MIB = 1 << 20;
    private final ManualTime now = new ManualTime(Instant.ofEpochMilli(1_000_000));

    private RetentionLog log(long maxBytes, Duration maxAge) throws Exception {
        return RetentionLog.open(new Retention(maxBytes, maxAge, false), LogStorage.MEMORY, now);
    }

    private static long append(RetentionLog log, String type, String id, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return log.append(type, id, "5", bytes, 0, bytes.length);
    }

    private static List<Message.Event> readAll(LogReader reader) throws FrameException {
        ByteSink sink = new ByteSink(1024);
        List<Message.Event> events = new ArrayList<>();
        while (true) {
            sink.reset();
            if (reader.read(sink, 64 * 1024) == 0 && !reader.hasMore()) {
                break;
            }
            int start = 0;
            byte[] bytes = sink.array();
            for (int i = 0; i < sink.size(); i++) {
                if (bytes[i] == '\n') {
                    events.add((Message.Event) FrameCodec.decode(bytes, start, i - start));
                    start = i + 1;
                }
            }
        }
        return events;
    }

    @Test
    void offsetsStartAtOneAndGrowByOneAndEveryReaderSeesTheSameEventsWithItsOwnSeq() throws Exception {
        try (RetentionLog log = log(64 * MIB, Duration.ofMinutes(10))) {
            LogReader early = log.openReader(List.of("*"), log.endOffset());
            assertEquals(1, append(log, "a.b", "x", "{\"n\":1}"));
            assertEquals(2, append(log, "a.c", null, "[1,2]"));
            List<Message.Event> events = readAll(early);
            assertEquals(2, events.size());
            assertEquals("x", events.get(0).eventId());
            assertEquals(1, events.get(0).offset());
            assertEquals(1, events.get(0).seq());
            assertEquals("[1,2]", new String(events.get(1).payload(), StandardCharsets.UTF_8));
            assertEquals(2, events.get(1).offset());
            assertEquals(2, events.get(1).seq());
            LogReader late = log.openReader(List.of("a.c"), 0);
            List<Message.Event> replayed = readAll(late);
            assertEquals(1, replayed.size(), "a reader gets only its types");
            assertEquals(2, replayed.get(0).offset());
            assertEquals(1, replayed.get(0).seq(), "seq counts this reader's events");
        }
    }

    @Test
    void aReaderThatFallsBehindMaxBytesIsMovedPastTheEvictedChunkAndSeesItsLossAsASeqGap() throws Exception {
        try (RetentionLog log = log(2 * MIB, Duration.ofMinutes(10))) {
            LogReader stalled = log.openReader(List.of("load.*"), log.endOffset());
            LogReader other = log.openReader(List.of("none.*"), log.endOffset());
            String payload = "\"" + "x".repeat(1000) + "\"";
            int published = 10_000; // about 10 MB through a 2 MiB log
            for (int i = 0; i < published; i++) {
                append(log, "load.tick", "n" + i, payload);
            }
            assertTrue(log.firstOffset() > 1, "the oldest events fell off");
            assertTrue(stalled.dropped() > 0);
            assertEquals("retention.max_bytes", stalled.dropReason());
            assertEquals(0, other.dropped(), "a reader loses only events of its own types");
            assertNull(other.dropReason());
            List<Message.Event> rest = readAll(stalled);
            assertEquals(published, rest.size() + stalled.dropped(), "every event is received or counted as dropped");
            Message.Event first = rest.get(0);
            assertEquals(stalled.dropped() + 1, first.seq(), "the first event after the loss shows the gap");
            assertEquals(log.firstOffset(), first.offset());
            assertEquals("n" + (published - 1), rest.get(rest.size() - 1).eventId());
            LogState status = log.status();
            assertTrue(status.bytes() <= 2 * MIB, "retained bytes stay under max_bytes: " + status);
        }
    }

    @Test
    void theHeapTheLogHoldsNeverExceedsMaxBytesHoweverManySmallEventsPassThrough() throws Exception {
        try (RetentionLog log = log(2 * MIB, Duration.ofMinutes(10))) {
            long exact = 0;
            for (int i = 0; i < 200_000; i++) { // small records grow each chunk's index many times
                append(log, "t", null, Integer.toString(i));
                if (i % 1000 == 0) {
                    assertTrue(log.heapBytes() <= 2 * MIB, "after " + i + " events: " + log.heapBytes());
                }
            }
            for (Chunk chunk : log.chunksForTest()) {
                exact += chunk.footprint();
            }
            assertEquals(exact, log.heapBytes(), "the running count is the chunks' real size");
            assertTrue(log.heapBytes() <= 2 * MIB, String.valueOf(log.heapBytes()));
        }
    }

    @Test
    void eventsOlderThanMaxAgeFallOffAtTheNextTickAndALateReaderNoLongerGetsThem() throws Exception {
        try (RetentionLog log = log(64 * MIB, Duration.ofSeconds(10))) {
            LogReader reader = log.openReader(List.of("*"), log.endOffset());
            append(log, "t", null, "1");
            now.advance(Duration.ofMillis(5_000));
            log.expire();
            assertEquals(1, log.status().events(), "five seconds old: kept");
            now.advance(Duration.ofMillis(6_000));
            log.expire();
            assertEquals(0, log.status().events(), "eleven seconds old: gone");
            assertEquals(1, reader.dropped());
            assertEquals("retention.max_age", reader.dropReason());
            assertEquals(2, append(log, "t", null, "2"), "offsets are never reused");
            assertEquals(List.of(2L), readAll(log.openReader(List.of("*"), 0)).stream().map(Message.Event::offset).toList());
        }
    }

    @Test
    void anEventAppendedWhenTheWholeTailHasAgedOutBeforeATickLandsInANewChunkAndIsRead() throws Exception {
        try (RetentionLog log = log(64 * MIB, Duration.ofSeconds(10))) {
            append(log, "t", null, "1");
            now.advance(Duration.ofMillis(11_000)); // no expire() between: the append itself finds the tail too old
            assertEquals(2, append(log, "t", null, "2"));
            assertEquals(List.of(2L), readAll(log.openReader(List.of("*"), 0)).stream().map(Message.Event::offset).toList());
            assertEquals(1, log.status().events());
        }
    }

    @Test
    void offsetAtTimeFindsTheFirstEventAppendedAtOrAfterThatTime() throws Exception {
        try (RetentionLog log = log(64 * MIB, Duration.ofMinutes(10))) {
            append(log, "t", null, "1");
            now.advance(Duration.ofMillis(1_000));
            append(log, "t", null, "2");
            append(log, "t", null, "3");
            assertEquals(1, log.offsetAtTime(0));
            assertEquals(2, log.offsetAtTime(now.millis()));
            assertEquals(4, log.offsetAtTime(now.millis() + 1));
        }
    }

    @Test
    void aWaitingReaderWakesWhenTheBurstIsOverAndWhenTheLogCloses() throws Exception {
        RetentionLog log = log(64 * MIB, Duration.ofMinutes(10));
        LogReader reader = log.openReader(List.of("*"), log.endOffset());
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                log.awaitAppend(reader.position());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        append(log, "t", null, "1");
        log.wakeReaders();
        waiter.join(Duration.ofSeconds(5));
        assertFalse(waiter.isAlive());
        Thread second = Thread.ofVirtual().start(() -> {
            try {
                log.awaitAppend(log.endOffset());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        log.close();
        second.join(Duration.ofSeconds(5));
        assertFalse(second.isAlive());
    }

    @Test
    void readersRacingTheEvictorAccountForEveryEventExactlyOnce() throws Exception {
        try (RetentionLog log = log(2 * MIB, Duration.ofMinutes(10))) {
            LogReader reader = log.openReader(List.of("*"), log.endOffset());
            int published = 50_000;
            AtomicLong received = new AtomicLong();
            AtomicLong lastSeq = new AtomicLong();
            Thread consumer = Thread.ofPlatform().start(() -> {
                ByteSink sink = new ByteSink(1024);
                while (received.get() + reader.dropped() < published) {
                    sink.reset();
                    int n = reader.read(sink, 8 * 1024);
                    received.addAndGet(n);
                    if (n > 0) {
                        try {
                            int end = sink.size() - 1;
                            int start = end - 1;
                            while (start > 0 && sink.array()[start - 1] != '\n') {
                                start--;
                            }
                            lastSeq.set(((Message.Event) FrameCodec.decode(sink.array(), start, end - start)).seq());
                        } catch (FrameException e) {
                            throw new AssertionError(e);
                        }
                    }
                }
            });
            String payload = "\"" + "y".repeat(300) + "\"";
            for (int i = 0; i < published; i++) {
                append(log, "t", null, payload);
            }
            consumer.join(Duration.ofSeconds(30));
            assertFalse(consumer.isAlive());
            assertEquals(published, received.get() + reader.dropped());
            assertEquals(published, lastSeq.get(), "the last seq counts received and dropped alike");
        }
    }
}
