package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusLogTest {
    @TempDir
    Path dir;

    @Test
    void aRunningLogRotatesPastItsLimitKeepingOneOlderGeneration() throws Exception {
        Path file = dir.resolve("bus.log");
        Path rotated = dir.resolve("bus.log.1");
        try (BusLog log = BusLog.open(file, rotated, 1_000)) {
            for (int i = 0; i < 30; i++) {
                log.info("line " + i + " " + "x".repeat(60));
            }
            assertTrue(Files.size(file) <= 1_000 + 100, "the live log stays near its limit: " + Files.size(file));
            List<String> older = Files.readAllLines(rotated);
            List<String> newer = Files.readAllLines(file);
            assertFalse(older.isEmpty());
            int lastOld = number(older.get(older.size() - 1));
            int firstNew = newer.isEmpty() ? 30 : number(newer.get(0));
            assertEquals(lastOld + 1, firstNew, "no line lost or repeated across the rotation");
            assertEquals(29, newer.isEmpty() ? lastOld : number(newer.get(newer.size() - 1)));
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(rotated)));
    }

    @Test
    void theBussOwnStderrKeepsWritingIntoTheLiveLogAfterARotation() throws Exception {
        Path file = dir.resolve("bus.log");
        Path rotated = dir.resolve("bus.log.1");
        Files.createFile(file);
        // as a forked bus's stderr is: the same file, opened in append mode by another party
        try (FileOutputStream stderr = new FileOutputStream(file.toFile(), true);
             BusLog log = BusLog.open(file, rotated, 500)) {
            stderr.write("before rotation\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < 6; i++) { // past 500 bytes once, not twice
                log.warn("filler " + "y".repeat(80));
            }
            assertTrue(Files.exists(rotated), "rotated by now");
            stderr.write("crash report\n".getBytes(StandardCharsets.UTF_8));
            stderr.flush();
            String live = Files.readString(file);
            assertTrue(live.contains("crash report"), live);
            assertFalse(live.startsWith("\0"), "the truncated file has no hole where the old bytes were");
            assertTrue(Files.readString(rotated).contains("before rotation"));
            assertFalse(Files.readString(rotated).contains("crash report"));
        }
    }

    @Test
    void aLogAlreadyPastItsLimitRotatesWhenTheBusStarts() throws Exception {
        Path file = dir.resolve("bus.log");
        Path rotated = dir.resolve("bus.log.1");
        Files.writeString(file, "old run\n".repeat(200));
        try (BusLog log = BusLog.open(file, rotated, 1_000)) {
            log.info("new run");
        }
        assertEquals(200, Files.readAllLines(rotated).size());
        List<String> live = Files.readAllLines(file);
        assertEquals(1, live.size());
        assertTrue(live.get(0).endsWith("INFO new run"), live.get(0));
    }

    private static int number(String line) {
        String[] words = line.split(" ");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals("line")) {
                return Integer.parseInt(words[i + 1]);
            }
        }
        throw new AssertionError("not a numbered line: " + line);
    }
}
