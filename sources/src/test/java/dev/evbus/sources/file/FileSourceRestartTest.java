package dev.evbus.sources.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSourceRestartTest {
    @TempDir
    Path dir;

    @Test
    void aRestartResumesAtTheSavedPositionWithoutRepeatsOrLoss() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource first = f.source(f.fromBeginning());
        first.pollOnce();
        f.appendEvents(3, 3);
        first.pollOnce();
        first.close();
        f.appendEvents(4, 5); // written while no bus runs
        FileSource second = f.source(f.config()); // start_at end must not skip what the position covers
        second.pollOnce();
        f.appendEvents(6, 6);
        second.pollOnce();
        assertEquals(f.payloads(1, 6), f.ingest.payloads());
        assertEquals(0, f.ingest.duplicates);
        assertEquals(3, second.report().eventsIn(), "its own count starts at zero");
    }

    @Test
    void aFileNeverSeenWithStartAtEndKeepsItsStartingPointAcrossARestart() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource first = f.source(f.config());
        first.pollOnce();
        first.close();
        f.appendEvents(3, 3);
        f.source(f.config()).pollOnce();
        assertEquals(f.payloads(3, 3), f.ingest.payloads(), "lines after the first look are not lost to a second 'end'");
    }

    @Test
    void aCrashBeforeThePositionWasSavedRepeatsOnlyThatBatchAndIdsMakeItDuplicates() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource first = f.source(f.fromBeginning());
        first.pollOnce();
        Path before = dir.resolve("position-before");
        Files.copy(f.positionFile, before);
        f.appendEvents(3, 4);
        first.pollOnce();
        first.close();
        Files.copy(before, f.positionFile, StandardCopyOption.REPLACE_EXISTING); // as if killed before the save
        FileSource second = f.source(f.config());
        second.pollOnce();
        assertEquals(f.payloads(1, 4), f.ingest.payloads());
        assertEquals(2, f.ingest.duplicates, "events 3 and 4 were offered again and the bus's dedup took them");
        assertEquals(0, second.report().eventsIn());
    }

    @Test
    void aRotationWhileTheBusWasDownFinishesTheOldFileFoundBesideItFirst() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 2);
        FileSource first = f.source(f.fromBeginning());
        first.pollOnce();
        first.close();
        f.appendEvents(3, 3);
        Files.move(f.file, dir.resolve("events.ndjson.1"));
        f.appendEvents(4, 5);
        FileSource second = f.source(f.config());
        second.pollOnce();
        f.appendEvents(6, 6);
        second.pollOnce();
        assertEquals(f.payloads(1, 6), f.ingest.payloads());
        assertEquals(0, f.ingest.duplicates);
    }

    @Test
    void aFileTruncatedWhileTheBusWasDownIsReadFromItsStart() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 3);
        FileSource first = f.source(f.fromBeginning());
        first.pollOnce();
        first.close();
        Files.writeString(f.file, Fixture.event(4));
        f.source(f.config()).pollOnce();
        assertEquals(f.payloads(1, 4), f.ingest.payloads());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("truncated while the bus was down")), f.log::toString);
    }

    @Test
    void aLineTheBusFailedToTakeIsReadAgainNotSkipped() throws IOException {
        Fixture f = new Fixture(dir);
        f.appendEvents(1, 3);
        FileSource source = f.source(f.fromBeginning());
        f.ingest.failNext = 2;
        source.pollOnce();
        assertEquals(dev.evbus.sources.SourceState.DISCONNECTED, source.report().state());
        source.pollOnce();
        assertEquals(List.of(dev.evbus.sources.SourceState.CONNECTED, dev.evbus.sources.SourceState.DISCONNECTED), f.states,
                "a second refusal is no new state");
        assertEquals(1, source.report().errors());
        source.pollOnce();
        assertEquals(f.payloads(1, 3), f.ingest.payloads());
        assertEquals(dev.evbus.sources.SourceState.CONNECTED, source.report().state());
        source.close();
        f.source(f.config()).pollOnce();
        assertEquals(f.payloads(1, 3), f.ingest.payloads());
        assertEquals(0, f.ingest.duplicates, "the saved position is past the retried line");
    }

    @Test
    void aPositionSavedForAnotherPathIsIgnored() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createDirectories(f.positionFile.getParent());
        Files.writeString(f.positionFile, "{\"path\":\"/elsewhere.ndjson\",\"file_key\":\"x\",\"offset\":3}");
        f.appendEvents(1, 2);
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(f.payloads(1, 2), f.ingest.payloads());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("is for \"/elsewhere.ndjson\"")), f.log::toString);
    }

    @Test
    void anUnreadablePositionIsReportedAndIgnored() throws IOException {
        Fixture f = new Fixture(dir);
        Files.createDirectories(f.positionFile.getParent());
        Files.writeString(f.positionFile, "not json");
        f.appendEvents(1, 1);
        FileSource source = f.source(f.fromBeginning());
        source.pollOnce();
        assertEquals(f.payloads(1, 1), f.ingest.payloads());
        assertEquals(List.of(true), f.log.stream().filter(line -> line.contains("ignored its position")).map(l -> true).toList());
    }
}
