package dev.evbus.spool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import dev.evbus.event.TimeSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void filesAreListedOldestFirstAndOtherNamesAreIgnored() throws IOException {
        SpoolDirectory directory = new SpoolDirectory(dir);
        Files.writeString(dir.resolve(SpoolDirectory.fileName(2_000, 7, 0)), "");
        Files.writeString(dir.resolve(SpoolDirectory.fileName(1_000, 9, 5)), "");
        Files.writeString(dir.resolve(SpoolDirectory.fileName(1_000, 9, 4)), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        Files.writeString(dir.resolve("." + SpoolDirectory.fileName(1, 1, 1) + ".new"), "");

        assertEquals(List.of(SpoolDirectory.fileName(1_000, 9, 4), SpoolDirectory.fileName(1_000, 9, 5),
                SpoolDirectory.fileName(2_000, 7, 0)), directory.files().stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(List.of(), new SpoolDirectory(dir.resolve("missing")).files());
    }

    @Test
    void aFileLockedThroughAnotherChannelCannotBeClaimed() throws IOException {
        Path file = dir.resolve(SpoolDirectory.fileName(1_000, 1, 1));
        Files.writeString(file, "");
        SpoolDirectory directory = new SpoolDirectory(dir);
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.WRITE); FileLock held = other.lock()) {
            assertTrue(directory.tryClaim(file).isEmpty());
            assertTrue(held.isValid(), "a failed claim leaves the owner's lock alone");
        }
        Optional<SpoolFile> claimed = directory.tryClaim(file);
        assertTrue(claimed.isPresent());
        assertTrue(directory.tryClaim(file).isEmpty(), "a claimed file is owned");
        claimed.get().delete();
        assertFalse(Files.exists(file));
        assertTrue(directory.tryClaim(file).isEmpty(), "a deleted file cannot be claimed");
    }

    @Test
    void aFileLockedByAnotherProcessCannotBeClaimedUntilThatProcessExits() throws Exception {
        SpoolDirectory directory = new SpoolDirectory(dir);
        Path file;
        try (SpoolWriter writer = new SpoolWriter(directory, 1 << 20, TimeSource.system())) {
            byte[] frame = SpoolWriterTest.frame("x");
            writer.append(frame, 0, frame.length, 1);
            file = directory.files().get(0);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), file.toString()).redirectErrorStream(true).start();
        try (InputStream out = holder.getInputStream()) {
            assertEquals('L', out.read(), "the other process took the lock");
            assertTrue(directory.tryClaim(file).isEmpty(), "owned by a live process");
            holder.getOutputStream().close(); // tells it to exit
            assertEquals(0, holder.waitFor());
        }
        try (SpoolFile claimed = directory.tryClaim(file).orElseThrow()) {
            assertTrue(claimed.bytes() > 0);
        }
    }

    /** Runs in a child process: locks the file, says 'L', holds the lock until stdin closes. */
    public static final class LockHolder {
        public static void main(String[] args) throws IOException {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                System.out.print('L');
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the parent to close our stdin
                }
            }
        }
    }
}
