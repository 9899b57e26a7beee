package dev.evbus.busdiscover;

import dev.evbus.event.TimeSource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {
    private static final Duration PATIENCE = Duration.ofMillis(200);

    @TempDir
    Path dir;

    @Test
    void tryAcquireTakesAFreeLockAndCreatesItsFile() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (FileLocks.Held held = FileLocks.tryAcquire(file, PATIENCE, TimeSource.system()).orElseThrow()) {
            assertTrue(Files.exists(file));
        }
        assertFalse(FileLocks.isHeldElsewhere(file));
    }

    @Test
    @Timeout(30)
    void tryAcquireGivesUpBeforeItsPatienceWhenAskedToWhileAnotherProcessHoldsTheLock() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (LockHolderProcess child = LockHolderProcess.start(file)) {
            assertEquals("locked", child.answer());
            AtomicInteger asked = new AtomicInteger();
            Optional<FileLocks.Held> held = FileLocks.tryAcquire(file, Duration.ofHours(1), TimeSource.system(),
                    () -> asked.incrementAndGet() == 3);
            assertEquals(Optional.empty(), held);
            assertEquals(3, asked.get(), "asked after each of three tries that found the lock held");
        }
    }

    @Test
    void freeLockIsNotHeldElsewhere() throws Exception {
        assertFalse(FileLocks.isHeldElsewhere(dir.resolve("never-created.lock")));
        Path file = dir.resolve("bus.alive.lock");
        Files.createFile(file);
        assertFalse(FileLocks.isHeldElsewhere(file));
    }

    @Test
    void lockHeldByAnotherProcessCannotBeTakenUntilThatProcessDies() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (LockHolderProcess child = LockHolderProcess.start(file)) {
            assertEquals("locked", child.answer());
            assertEquals(Optional.empty(), FileLocks.tryAcquire(file, PATIENCE, TimeSource.system()));
            assertTrue(FileLocks.isHeldElsewhere(file));
        }
        assertFalse(FileLocks.isHeldElsewhere(file));
        try (FileLocks.Held held = FileLocks.tryAcquire(file).orElseThrow()) {
            assertTrue(Files.exists(file));
        }
    }

    @Test
    void releasedLockCanBeTakenAgain() throws Exception {
        Path file = dir.resolve("bus.fork.lock");
        FileLocks.tryAcquire(file).orElseThrow().close();
        try (FileLocks.Held again = FileLocks.tryAcquire(file).orElseThrow()) {
            assertFalse(LockHolderProcess.lockIsFreeForAnotherProcess(file));
        }
    }

    @Test
    void probingALockThisProcessHoldsKeepsItHeld() throws Exception {
        Path file = dir.resolve("bus.alive.lock");
        try (FileLocks.Held held = FileLocks.tryAcquire(file).orElseThrow()) {
            assertTrue(FileLocks.isHeldElsewhere(file));
            assertEquals(Optional.empty(), FileLocks.tryAcquire(file));

            assertFalse(LockHolderProcess.lockIsFreeForAnotherProcess(file),
                    "probing from the holding process released its lock");
        }
        assertTrue(LockHolderProcess.lockIsFreeForAnotherProcess(file));
    }

    @Test
    void blockingAcquireWaitsForAHolderInThisProcess() throws Exception {
        Path file = dir.resolve("bus.fork.lock");
        FileLocks.Held first = FileLocks.tryAcquire(file).orElseThrow();
        CompletableFuture<FileLocks.Held> second = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                second.complete(FileLocks.acquire(file));
            } catch (Throwable e) {
                second.completeExceptionally(e);
            }
        });
        waiter.start();
        awaitParkedOrDone(waiter);
        assertFalse(second.isDone(), "acquire returned while this process held the lock: " + second);
        assertFalse(LockHolderProcess.lockIsFreeForAnotherProcess(file), "the first holder's lock was lost");

        first.close();
        try (FileLocks.Held held = second.get(10, TimeUnit.SECONDS)) {
            assertFalse(LockHolderProcess.lockIsFreeForAnotherProcess(file));
        }
    }

    private static void awaitParkedOrDone(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TERMINATED) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("thread neither waited nor finished: " + thread.getState());
    }
}
