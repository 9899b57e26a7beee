package dev.evbus.busdiscover;

import dev.evbus.event.AppPaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Advisory locks on the app's lock files. The OS drops them when the holder dies, which is what
 * makes "the lock is held" a trustworthy "the bus is alive", unlike a PID that may be reused.
 */
public final class FileLocks {
    private static final long RETRY_PAUSE_MS = 50;

    private FileLocks() {
    }

    /** A lock held until closed (or until the process ends). */
    public static final class Held implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private Held(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** Tries for {@code patience}, then gives up: empty means someone else holds it. */
    public static Optional<Held> tryAcquire(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Held> held = tryOnce(file);
            if (held.isPresent() || System.nanoTime() >= deadline) {
                return held;
            }
            try {
                Thread.sleep(RETRY_PAUSE_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Blocks until the lock is ours. */
    public static Held acquire(Path file) throws IOException {
        FileChannel channel = open(file);
        try {
            return new Held(channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Whether another process holds the lock on {@code file} right now. */
    public static boolean isHeldElsewhere(Path file) throws IOException {
        if (!file.toFile().exists()) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException ownProcess) {
            return true;
        }
    }

    private static Optional<Held> tryOnce(Path file) throws IOException {
        FileChannel channel = open(file);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(new Held(channel, lock));
            }
        } catch (OverlappingFileLockException ownProcess) {
            // held by this very process: as good as held by another
        }
        channel.close();
        return Optional.empty();
    }

    private static FileChannel open(Path file) throws IOException {
        AppPaths.ensurePrivateFile(file);
        return FileChannel.open(file, StandardOpenOption.WRITE);
    }
}
