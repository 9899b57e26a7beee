package dev.evbus.busdiscover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    private List<String> fileNames() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writtenPidFileReadsBackTheSame() throws Exception {
        Path file = dir.resolve("bus.pid");
        PidFile written = new PidFile(12345, Instant.parse("2025-03-04T05:06:07.891Z"));
        written.writeTo(file);
        assertEquals(Optional.of(written), PidFile.read(file));
        assertEquals("12345\n2025-03-04T05:06:07.891Z\n", Files.readString(file));
    }

    @Test
    void rewritingReplacesTheOldContentAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("bus.pid");
        new PidFile(1, Instant.parse("2025-01-01T00:00:00Z")).writeTo(file);
        PidFile second = new PidFile(22, Instant.parse("2025-06-01T12:00:00Z"));
        second.writeTo(file);

        assertEquals(Optional.of(second), PidFile.read(file));
        assertEquals(List.of("bus.pid"), fileNames());
    }

    @Test
    void pidFileIsPrivateToItsOwner() throws Exception {
        Path file = dir.resolve("bus.pid");
        new PidFile(7, Instant.EPOCH).writeTo(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void missingOrGarbledPidFileReadsAsEmpty() throws Exception {
        assertEquals(Optional.empty(), PidFile.read(dir.resolve("absent.pid")));
        Path garbled = dir.resolve("garbled.pid");
        Files.writeString(garbled, "not a pid\n");
        assertEquals(Optional.empty(), PidFile.read(garbled));
        Path empty = dir.resolve("empty.pid");
        Files.writeString(empty, "");
        assertEquals(Optional.empty(), PidFile.read(empty));
    }

    @Test
    void pidFileWithoutStartTimeReadsWithEpoch() throws Exception {
        Path file = dir.resolve("bus.pid");
        Files.writeString(file, "  99 \n");
        PidFile read = PidFile.read(file).orElseThrow();
        assertEquals(99, read.pid());
        assertTrue(read.startedAt().equals(Instant.EPOCH));
    }
}
