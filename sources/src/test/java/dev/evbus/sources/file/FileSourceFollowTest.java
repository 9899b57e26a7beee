package dev.evbus.sources.file;

import static dev.evbus.sources.SourceState.CONNECTED;
import static dev.evbus.sources.SourceState.DISCONNECTED;
import static dev.evbus.sources.SourceState.RECONNECTING;
import static dev.evbus.sources.SourceState.STALLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.sources.SourceReport;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceFollowTest {
    @TempDir
    Path dir;

    @Test
    void startsAtTheEndOfAnExistingFileAndPublishesWhatIsAppended() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource source = f.source(f.config());
        source.pollOnce();
        assertEquals(List.of(), f.ingest.payloads());
        f.appendEvents(3, 4);
        source.pollOnce();
        assertEquals(f.payloads(3, 4), f.ingest.payloads());
        assertEquals(1, f.ingest.wakes);
        f.appendEvents(5, 5);
        source.pollOnce();
        assertEquals(f.payloads(3, 5), f.ingest.payloads());
        SourceReport report = source.report();
        assertEquals("file", report.kind());
        assertEquals(f.file.toString(), report.address());
        assertEquals(CONNECTED, report.state());
        assertEquals(3, report.eventsIn());
        assertEquals(0, report.errors());
        assertEquals(f.clock.millis(), report.lastEventAt());
        assertEquals(List.of(CONNECTED), f.states);
    }

    @Test
    void startAtBeginningReadsWhatIsAlreadyThere() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(f.payloads(1, 2), f.ingest.payloads());
    }

    @Test
    void aPublishLineKeepsItsTypeIdAndSourceTime() throws IOException {
        Fixture f = new Fixture(dir);
        f.append("{\"event_type\":\"order.created\",\"event_id\":\"o-1\",\"source_time\":\"1700000000123\",\"payload\":{\"a\":[1,2]}}\n"
                + "{\"event_type\":\"ping\"}\n");
        f.source(f.fromBeginning()).pollOnce();
        assertEquals(List.of(new RecordingIngest.Published("order.created", "o-1", "1700000000123", "{\"a\":[1,2]}"),
                new RecordingIngest.Published("ping", null, null, "null")), f.ingest.published);
    }

    @Test
    void aLineWithoutItsNewlineWaitsForIt() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSource source = f.source(f.config());
        source.pollOnce();
        String line = Fixture.event(1);
        f.append(line.substring(0, 20));
        source.pollOnce();
        f.append(line.substring(20, line.length() - 1));
        source.pollOnce();
        assertEquals(List.of(), f.ingest.payloads());
        f.append("\n");
        source.pollOnce();
        assertEquals(f.payloads(1, 1), f.ingest.payloads());
    }

    @Test
    void aRotationFinishesTheOldFileThenReadsTheNewOneFromItsStart() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSource source = f.source(f.config());
        source.pollOnce();
        f.appendEvents(1, 2);
        source.pollOnce();
        f.appendEvents(3, 4); // written just before the rotation, not yet read
        Files.move(f.file, dir.resolve("events.ndjson.1"));
        f.appendEvents(5, 6);
        source.pollOnce();
        assertEquals(f.payloads(1, 6), f.ingest.payloads());
        f.appendEvents(7, 7);
        source.pollOnce();
        assertEquals(f.payloads(1, 7), f.ingest.payloads());
        assertEquals(List.of(CONNECTED), f.states);
        assertTrue(f.log.stream().anyMatch(line -> line.contains("was rotated")), f.log::toString);
    }

    @Test
    void aTruncatedFileIsReadAgainFromItsStart() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSource source = f.source(f.config());
        source.pollOnce();
        f.appendEvents(1, 3);
        source.pollOnce();
        try (FileChannel channel = FileChannel.open(f.file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        source.pollOnce();
        f.appendEvents(4, 4);
        source.pollOnce();
        assertEquals(f.payloads(1, 4), f.ingest.payloads());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("was truncated")), f.log::toString);
    }

    @Test
    void aVanishedFileIsWaitedForAndReadFromItsStartWhenItReturns() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSource source = f.source(f.config());
        source.pollOnce();
        f.appendEvents(1, 1);
        Files.delete(f.file);
        source.pollOnce();
        assertEquals(f.payloads(1, 1), f.ingest.payloads(), "what was written before the delete is still read");
        assertEquals(DISCONNECTED, source.report().state());
        assertTrue(source.report().detail().contains("is gone"), source.report().detail());
        source.pollOnce();
        assertEquals(List.of(CONNECTED, DISCONNECTED), f.states);
        f.appendEvents(2, 3);
        source.pollOnce();
        assertEquals(f.payloads(1, 3), f.ingest.payloads());
        assertEquals(List.of(CONNECTED, DISCONNECTED, RECONNECTING, CONNECTED), f.states);
    }

    @Test
    void aFileMissingAtStartIsWaitedForAndReadWholeWhenItAppears() throws IOException {
        Fixture f = new Fixture(dir);
        FileSource source = f.source(f.config());
        source.pollOnce();
        assertEquals(DISCONNECTED, source.report().state());
        assertTrue(source.report().detail().contains("to appear"), source.report().detail());
        f.appendEvents(1, 2);
        source.pollOnce();
        assertEquals(f.payloads(1, 2), f.ingest.payloads());
        assertEquals(CONNECTED, source.report().state());
    }

    @Test
    void silenceLongerThanStallAfterIsStalledUntilTheNextLine() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSourceConfig c = f.config();
        FileSource source = f.source(new FileSourceConfig(c.path(), null, null, null, c.startAt(), c.pollInterval(),
                Fixture.seconds(30), c.maxLine()));
        source.pollOnce();
        f.clock.advance(Fixture.seconds(29));
        source.pollOnce();
        assertEquals(CONNECTED, source.report().state());
        f.clock.advance(Fixture.seconds(1));
        source.pollOnce();
        assertEquals(STALLED, source.report().state());
        f.appendEvents(1, 1);
        source.pollOnce();
        assertEquals(CONNECTED, source.report().state());
        assertEquals(f.payloads(1, 1), f.ingest.payloads());
        f.clock.advance(Fixture.seconds(29));
        source.pollOnce();
        assertEquals(List.of(CONNECTED, STALLED, CONNECTED), f.states);
    }

    @Test
    void itsOwnThreadFollowsTheFileUntilClosed() throws Exception {
        Fixture f = new Fixture(dir);
        Files.createFile(f.file);
        FileSourceConfig c = f.config();
        FileSource source = new FileSource(new FileSourceConfig(c.path(), null, null, null, c.startAt(),
                java.time.Duration.ofMillis(10), null, c.maxLine()), f.positionFile, f.ingest, (n, s, d) -> f.states.add(s), f.log::add);
        source.start();
        try {
            waitFor(() -> source.report().state() == CONNECTED);
            f.appendEvents(1, 3);
            waitFor(() -> f.ingest.payloads().size() == 3);
        } finally {
            source.close();
        }
        assertEquals(f.payloads(1, 3), f.ingest.payloads());
        f.appendEvents(4, 4);
        source.pollOnce(); // closed: takes nothing more
        assertFalse(f.ingest.payloads().contains(Fixture.payload(4)));
    }

    /** Polls a condition the source's own thread makes true; gives up after a generous minute. */
    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within a minute");
            Thread.sleep(5);
        }
    }
}
