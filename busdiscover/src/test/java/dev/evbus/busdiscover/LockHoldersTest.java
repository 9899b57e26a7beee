package dev.evbus.busdiscover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs on Linux, where the kernel's lock table names the holder; the build machines are Linux. */
class LockHoldersTest {
    @TempDir
    Path dir;

    @Test
    void theProcessHoldingTheLockIsItsHolderAndNoOtherProcessIs() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (LockHolderProcess child = LockHolderProcess.start(file)) {
            assertEquals("locked", child.answer());
            assertTrue(LockHolders.holds(child.pid(), file, Instant.now()));
            assertFalse(LockHolders.holds(ProcessHandle.current().pid(), file, Instant.now()));
            // a live process that started before the lock's holder, as a reused pid's would not, is still not it
            assertFalse(LockHolders.holds(ProcessHandle.current().parent().orElseThrow().pid(), file, Instant.now()));
        }
    }

    @Test
    void aFreeLockHasNoHolder() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        Files.createFile(file);
        assertFalse(LockHolders.holds(ProcessHandle.current().pid(), file, Instant.now()));
        assertEquals(OptionalLong.empty(), LockHolders.holder(Files.readAllLines(Path.of("/proc/locks")), file));
    }

    @Test
    void theKernelsLockTableNamesThisProcessForALockItHolds() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (FileLocks.Held held = FileLocks.tryAcquire(file).orElseThrow()) {
            List<String> table = Files.readAllLines(Path.of("/proc/locks"));
            assertEquals(OptionalLong.of(ProcessHandle.current().pid()), LockHolders.holder(table, file), table.toString());
        }
    }
}
