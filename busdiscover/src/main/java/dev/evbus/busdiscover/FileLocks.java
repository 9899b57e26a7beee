package dev.evbus.busdiscover;

import dev.evbus.config.PrivatePaths;
import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Advisory locks on the app's lock files. The OS drops them when the holder dies, which is what
 * makes "the lock is held" a trustworthy "the bus is alive", unlike a PID that may be reused.
 */
public final class FileLocks {
    private static final long RETRY_PAUSE_MS = 20;

    /**
     * Files this process holds, or is blocked acquiring, a lock on, by file identity. The OS keeps
     * these locks per process and drops all of them when any descriptor of the file is closed, so
     * once a file is here nothing in this process may open it again until its holder lets go.
     * Static because the state it mirrors is the process's; guarded by its own monitor.
     */
    private static final Set<Object> LOCKED_HERE = new HashSet<>();

    private FileLocks() {
    }

    /** A lock held until closed (or until the process ends). */
    public static final class Held implements AutoCloseable {
        private final Object fileKey;
        private final FileChannel channel;
        private final FileLock lock;
        private boolean closed;

        private Held(Object fileKey, FileChannel channel, FileLock lock) {
            this.fileKey = fileKey;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            try {
                lock.release();
            } finally {
                try {
                    channel.close();
                } finally {
                    forget(fileKey);
                }
            }
        }
    }

    /** Tries once: empty means someone else holds it. */
    public static Optional<Held> tryAcquire(Path file) throws IOException {
        return tryOnce(file);
    }

    /** Tries for {@code patience} by {@code clock}, then gives up: empty means someone else holds it. */
    public static Optional<Held> tryAcquire(Path file, Duration patience, TimeSource clock) throws IOException {
        return tryAcquire(file, patience, clock, () -> false);
    }

    /**
     * As {@link #tryAcquire(Path, Duration, TimeSource)}, but gives up early too once {@code giveUp}
     * says so, asked after each try that found the lock held.
     */
    public static Optional<Held> tryAcquire(Path file, Duration patience, TimeSource clock, BooleanSupplier giveUp)
            throws IOException {
        long deadline = clock.nanoTime() + patience.toNanos();
        while (true) {
            Optional<Held> held = tryOnce(file);
            if (held.isPresent() || clock.nanoTime() - deadline >= 0 || giveUp.getAsBoolean()) {
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

    /** Blocks until the lock is ours, whether another process or another thread of this one holds it now. */
    public static Held acquire(Path file) throws IOException {
        PrivatePaths.file(file);
        Object key = fileKey(file);
        synchronized (LOCKED_HERE) {
            while (LOCKED_HERE.contains(key)) {
                try {
                    LOCKED_HERE.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted waiting for " + file);
                }
            }
            LOCKED_HERE.add(key);
        }
        FileChannel channel = null;
        try {
            channel = PrivatePaths.open(file);
            return new Held(key, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            try {
                if (channel != null) {
                    channel.close();
                }
            } finally {
                forget(key);
            }
            throw e;
        }
    }

    /** Whether another process (or this one, through a {@link Held}) holds the lock on {@code file} right now. */
    public static boolean isHeldElsewhere(Path file) throws IOException {
        if (!file.toFile().exists()) {
            return false;
        }
        synchronized (LOCKED_HERE) {
            if (LOCKED_HERE.contains(fileKey(file))) {
                return true;
            }
            try (FileChannel channel = PrivatePaths.open(file)) {
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (OverlappingFileLockException lockedOutsideFileLocks) {
                return true;
            }
        }
    }

    private static Optional<Held> tryOnce(Path file) throws IOException {
        PrivatePaths.file(file);
        Object key = fileKey(file);
        synchronized (LOCKED_HERE) {
            if (LOCKED_HERE.contains(key)) {
                return Optional.empty();
            }
            FileChannel channel = PrivatePaths.open(file);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    LOCKED_HERE.add(key);
                    return Optional.of(new Held(key, channel, lock));
                }
            } catch (OverlappingFileLockException lockedOutsideFileLocks) {
                // held by this very process: as good as held by another
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            channel.close();
            return Optional.empty();
        }
    }

    /** The file's identity (device and inode on Unix), so two paths to one file share a lock. */
    private static Object fileKey(Path file) throws IOException {
        Object key = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        return key != null ? key : file.toRealPath();
    }

    private static void forget(Object key) {
        synchronized (LOCKED_HERE) {
            LOCKED_HERE.remove(key);
            LOCKED_HERE.notifyAll();
        }
    }
}
