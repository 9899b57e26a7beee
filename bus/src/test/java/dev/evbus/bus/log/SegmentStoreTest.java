package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Retention;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The durable log's life: writing with group commit, reopening, evicting, and a failing disk. */
class SegmentStoreTest extends DurableLogTest {
    @Test
    void everyEventComesBackAfterReopenWithItsOffsetAndBytes() throws Exception {
        fixture.open();
        for (int n = 1; n <= 3000; n++) {
            assertEquals(n, fixture.append(n, 50 + n % 700));
        }
        List<String> before = fixture.frames();
        fixture.reopen();

        assertEquals(before, fixture.frames());
        assertEquals(3000, before.size());
        assertTrue(fixture.segments().size() > 1, "several chunks, so several files");
        assertEquals(3001, fixture.append(3001, 10), "the next offset follows the recovered ones");
        assertEquals(List.of(), fixture.warnings);
    }

    @Test
    void aReaderOfOneTypeGetsOnlyThatTypeFromRecoveredAndNewRecordsAlike() throws Exception {
        RetentionLog log = fixture.open();
        byte[] payload = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        log.append("b.recovered", null, "1", payload, 0, payload.length);
        log.append("a.recovered", null, "1", payload, 0, payload.length);
        log = fixture.reopen();
        // new types appended after recovery must not share numbers with the recovered ones
        log.append("c.new", null, "1", payload, 0, payload.length);
        log.append("a.new", null, "1", payload, 0, payload.length);
        dev.evbus.protocol.ByteSink sink = new dev.evbus.protocol.ByteSink(1024);
        LogReader onlyB = log.openReader(List.of("b.*"), 0);
        assertEquals(1, onlyB.read(sink, 64 * 1024), new String(sink.array(), 0, sink.size()));
        assertTrue(new String(sink.array(), 0, sink.size()).contains("\"b.recovered\""));
        sink.reset();
        LogReader onlyC = log.openReader(List.of("c.new"), 0);
        assertEquals(1, onlyC.read(sink, 64 * 1024), new String(sink.array(), 0, sink.size()));
        assertTrue(new String(sink.array(), 0, sink.size()).contains("\"c.new\""));
    }

    @Test
    void eachSegmentFileHoldsExactlyItsChunksRecordBytes() throws Exception {
        fixture.open();
        for (int n = 1; n <= 1500; n++) {
            fixture.append(n, 700);
        }
        fixture.close();
        long expectedBase = 1;
        for (Path segment : fixture.segments()) {
            assertEquals(SegmentFiles.name(expectedBase), segment.getFileName().toString());
            byte[] data = Files.readAllBytes(segment);
            List<Integer> starts = DurableLogFixture.recordStarts(data);
            for (int i = 0; i < starts.size(); i++) {
                assertTrue(RecordFormat.isIntact(data, starts.get(i), data.length));
                assertEquals(expectedBase + i, RecordFormat.offset(data, starts.get(i)));
            }
            expectedBase += starts.size();
        }
        assertEquals(1501, expectedBase);
    }

    @Test
    void manyAppendsFromFourThreadsShareFewFsyncsAndAreAllAcknowledged() throws Exception {
        fixture.open();
        int threads = 4;
        int batches = 50;
        int perBatch = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> producers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                producers.add(pool.submit(() -> {
                    boolean acked = true;
                    for (int batch = 0; batch < batches; batch++) {
                        long last = 0;
                        for (int i = 0; i < perBatch; i++) {
                            last = fixture.append(i, 120);
                        }
                        acked &= fixture.log.stored().awaitStored(last + 1, 30, TimeUnit.SECONDS);
                    }
                    return acked;
                }));
            }
            for (Future<Boolean> producer : producers) {
                assertTrue(producer.get(60, TimeUnit.SECONDS), "every batch acknowledged");
            }
        } finally {
            pool.shutdownNow();
        }
        long appends = (long) threads * batches * perBatch;
        assertEquals(appends, fixture.store.storedOffset(fixture.log.endOffset()));
        long forces = fixture.store.forces();
        assertTrue(forces >= 1 && forces * 10 <= appends, forces + " fsyncs for " + appends + " appends");
    }

    @Test
    void awaitStoredTimesOutWhileTheDiskFailsAndSucceedsOnceItWorksAgain() throws Exception {
        fixture.open();
        fixture.awaitStored(fixture.append(1, 100));
        deleteTree(fixture.logDir()); // the next chunk's file cannot be created
        long last = 0;
        for (int n = 2; last < 2 * 512 * 1024 / 1000; n++) {
            last = fixture.append(n, 1000);
        }

        assertFalse(fixture.log.stored().awaitStored(last + 1, 200, TimeUnit.MILLISECONDS), "no ack for events not on disk");
        Files.createDirectories(fixture.logDir());
        fixture.awaitStored(last);

        assertEquals(2, fixture.warnings.size(), fixture.warnings.toString());
        assertTrue(fixture.warnings.get(0).startsWith("log: cannot write segment files in "), fixture.warnings.get(0));
        assertTrue(fixture.warnings.get(1).endsWith("works again"), fixture.warnings.get(1));
    }

    @Test
    void evictedChunksLoseTheirFiles() throws Exception {
        fixture.retention = new Retention(Retention.MIN_MAX_BYTES, Duration.ofMinutes(10), true);
        fixture.open();
        for (int n = 1; n <= 6000; n++) {
            fixture.append(n, 1000);
        }
        long first = fixture.log.firstOffset();
        fixture.close();

        List<Path> segments = fixture.segments();
        assertEquals(SegmentFiles.name(first), segments.getFirst().getFileName().toString());
        long bytes = 0;
        for (Path segment : segments) {
            bytes += Files.size(segment);
        }
        assertTrue(bytes <= Retention.MIN_MAX_BYTES, bytes + " bytes on disk");
    }

    @Test
    void offsetsAreNotReusedAfterEverySegmentAgedOut() throws Exception {
        fixture.open();
        for (int n = 1; n <= 100; n++) {
            fixture.append(n, 100);
        }
        fixture.clock.advance(Duration.ofHours(1));
        fixture.log.expire();
        fixture.reopen();
        assertEquals(List.of(fixture.logDir().resolve(SegmentFiles.name(101))), fixture.segments());
        assertEquals(0, Files.size(fixture.segments().getFirst()), "an empty file carries the next offset");
        assertEquals(101, fixture.log.endOffset());
        assertEquals(101, fixture.append(101, 100));
    }

    @Test
    void offsetsAreNotReusedWhenTheRecoveredSegmentsAgeOutAtOpen() throws Exception {
        fixture.open();
        for (int n = 1; n <= 100; n++) {
            fixture.append(n, 100);
        }
        fixture.close();
        fixture.clock.advance(Duration.ofHours(1));
        fixture.open();
        assertEquals(List.of(), fixture.frames());
        fixture.reopen();

        assertEquals(101, fixture.append(101, 100));
    }

    @Test
    void theLogDirectoryIsPrivateAndSegmentFilesAreOwnerReadWriteOnly() throws Exception {
        fixture.open();
        fixture.awaitStored(fixture.append(1, 100));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fixture.logDir())));
        for (Path segment : fixture.segments()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(segment)));
        }
    }

    @Test
    void closeWritesEverythingAppendedBefore() throws Exception {
        fixture.open();
        byte[] expected = DurableLogFixture.payload(7, 300);
        fixture.append(7, 300);
        fixture.close();

        byte[] data = Files.readAllBytes(fixture.segments().getFirst());
        byte[] tail = java.util.Arrays.copyOfRange(data, data.length - expected.length - 2, data.length - 2);
        assertArrayEquals(expected, tail);
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
