package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading segment files back: torn tails cut, damage skipped and reported, strangers left alone. */
class SegmentRecoveryTest extends DurableLogTest {
    /** Writes {@code count} events of about 1 KiB, the last one small, and closes the log. */
    private void writeLog(int count) throws Exception {
        fixture.open();
        for (int n = 1; n < count; n++) {
            fixture.append(n, 1000);
        }
        fixture.append(count, 20);
        fixture.close();
    }

    @Test
    void aTornLastRecordIsCutAtEveryPositionWithOneLineAndTheNextRecoveryIsQuiet() throws Exception {
        writeLog(1200);
        List<Path> segments = fixture.segments();
        assertTrue(segments.size() > 1);
        Path last = segments.getLast();
        byte[] whole = Files.readAllBytes(last);
        int lastStart = DurableLogFixture.recordStarts(whole).getLast();

        for (int cut = lastStart + 1; cut < whole.length; cut++) {
            Files.write(last, Arrays.copyOf(whole, cut));
            fixture.warnings.clear();
            fixture.open();
            assertEquals(1199, fixture.log.endOffset() - 1, "cut at " + cut);
            assertEquals(List.of("log: cut torn tail of \"" + last + "\" at byte " + lastStart + ": " + (cut - lastStart)
                    + " bytes"), fixture.warnings);
            assertEquals(lastStart, Files.size(last));
            fixture.reopen();
            assertEquals(1, fixture.warnings.size(), "the second recovery reports nothing");
            fixture.close();
        }
    }

    @Test
    void aFlippedByteInAnEarlierSegmentIsReportedAndTheRecordsAfterItAreKept() throws Exception {
        writeLog(1200);
        Path first = fixture.segments().getFirst();
        byte[] data = Files.readAllBytes(first);
        List<Integer> starts = DurableLogFixture.recordStarts(data);
        int damaged = starts.get(starts.size() / 2);
        data[damaged + 100] ^= 0x20;
        Files.write(first, data);

        fixture.open();
        List<String> frames = fixture.frames();

        assertEquals(List.of("log: damaged record in \"" + first + "\" at byte " + damaged + ": skipped "
                + (starts.get(starts.size() / 2 + 1) - damaged) + " bytes to the next intact record"), fixture.warnings);
        assertEquals(1199, frames.size());
        long lostOffset = starts.size() / 2 + 1;
        assertTrue(frames.stream().noneMatch(frame -> frame.contains("\"offset\":" + lostOffset + ",")));
        assertTrue(frames.getLast().contains("\"offset\":1200,"), frames.getLast());
    }

    @Test
    void aDamagedLengthFieldIsSkippedWithoutLoopingAndRecoveryGoesOn() throws Exception {
        writeLog(600);
        Path first = fixture.segments().getFirst();
        byte[] data = Files.readAllBytes(first);
        int damaged = DurableLogFixture.recordStarts(data).get(3);
        data[damaged] = 0x7F; // an impossible length
        Files.write(first, data);

        fixture.open();

        assertEquals(599, fixture.frames().size());
        assertEquals(1, fixture.warnings.size(), fixture.warnings.toString());
        assertTrue(fixture.warnings.getFirst().contains("at byte " + damaged + ":"));
    }

    @Test
    void strangersInTheLogDirectoryAreLeftAloneAndEmptySegmentsDoNotCount() throws Exception {
        writeLog(50);
        Path dir = fixture.logDir();
        Files.writeString(dir.resolve("notes.txt"), "not a segment");
        Files.writeString(dir.resolve(SegmentFiles.name(1) + ".tmp"), "not a segment either");
        Files.createDirectory(dir.resolve(SegmentFiles.name(30) + "x"));
        Files.createDirectory(dir.resolve("00000000000000000040.seg").resolveSibling("sub"));
        Files.write(dir.resolve("123.seg"), new byte[] {1, 2, 3});

        fixture.open();

        assertEquals(50, fixture.frames().size());
        assertEquals(List.of(), fixture.warnings);
        assertEquals("not a segment", Files.readString(dir.resolve("notes.txt")));
        assertEquals(51, fixture.append(51, 10));
    }

    @Test
    void aGarbageNewestSegmentIsReportedCutAndItsNameStillBoundsTheNextOffset() throws Exception {
        writeLog(50);
        byte[] garbage = new byte[5000];
        new Random(42).nextBytes(garbage);
        Path strange = fixture.logDir().resolve(SegmentFiles.name(500));
        Files.write(strange, garbage);

        fixture.open();

        assertEquals(50, fixture.frames().size());
        assertEquals(List.of("log: cut torn tail of \"" + strange + "\" at byte 0: 5000 bytes"), fixture.warnings);
        assertEquals(500, fixture.append(500, 10), "offsets below a segment's name may have been handed out");
    }

    @Test
    void anEmptyOlderSegmentIsDroppedQuietly() throws Exception {
        writeLog(50);
        Path empty = fixture.logDir().resolve(SegmentFiles.name(0));
        Files.createFile(empty);

        fixture.open();

        assertEquals(50, fixture.frames().size());
        assertEquals(List.of(), fixture.warnings);
        assertTrue(Files.notExists(empty));
    }

    @Test
    void anEmptyOrMissingLogDirectoryStartsAtOffsetOne() throws Exception {
        Files.createDirectories(fixture.logDir());
        fixture.open();
        assertEquals(1, fixture.append(1, 10));
        fixture.close();
        Files.delete(fixture.segments().getFirst());
        Files.delete(fixture.logDir());

        fixture.open();

        assertEquals(1, fixture.log.endOffset());
        assertEquals(List.of(), fixture.warnings);
    }

    @Test
    void onlyTheNewestFilesWithinMaxBytesAreRead() throws Exception {
        writeLog(3000);
        List<Path> before = fixture.segments();
        fixture.retention = new dev.evbus.config.Retention(dev.evbus.config.Retention.MIN_MAX_BYTES,
                fixture.retention.maxAge(), true);

        fixture.open();

        List<Path> after = fixture.segments();
        assertTrue(after.size() < before.size());
        assertEquals(before.getLast(), after.getLast());
        long bytes = 0;
        for (Path segment : after) {
            bytes += Files.size(segment);
        }
        assertTrue(bytes <= dev.evbus.config.Retention.MIN_MAX_BYTES);
        assertEquals(3000, fixture.log.endOffset() - 1);
    }
}
