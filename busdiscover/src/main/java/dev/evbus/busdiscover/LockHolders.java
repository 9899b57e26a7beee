package dev.evbus.busdiscover;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which process holds an app's alive lock, so {@code stop --force} kills the bus and never a
 * process that merely reuses a pid the bus once had.
 *
 * <p>On Linux the kernel says it: {@code /proc/locks} lists every POSIX lock (a Java
 * {@code FileChannel} lock is one) with its holder's pid and the file's device and inode.
 * Elsewhere a pid is taken for the bus only if its process started no later than the bus wrote
 * its PID file: a process that reused the pid started after the bus died, so after that.
 */
public final class LockHolders {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");
    /** Clock granularity between a process's recorded start and the PID file's timestamp. */
    private static final Duration START_TOLERANCE = Duration.ofSeconds(1);

    private LockHolders() {
    }

    /**
     * Whether {@code pid} is the process holding the lock on {@code lockFile} (the bus), judged by
     * the kernel's lock table where there is one, else by start time against {@code startedAt}.
     */
    public static boolean holds(long pid, Path lockFile, Instant startedAt) throws IOException {
        Optional<List<String>> table = readLockTable();
        if (table.isPresent()) {
            return holder(table.get(), lockFile).stream().anyMatch(holder -> holder == pid);
        }
        Optional<Instant> start = ProcessHandle.of(pid).flatMap(process -> process.info().startInstant());
        return start.isPresent() && !start.get().isAfter(startedAt.plus(START_TOLERANCE));
    }

    /** The pid holding a POSIX lock on the file per {@code /proc/locks}, when there is a table and a holder. */
    static OptionalLong holder(List<String> lockTable, Path file) throws IOException {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        long dev = ((Number) Files.getAttribute(file, "unix:dev")).longValue();
        String id = String.format("%02x:%02x:%d", major(dev), minor(dev), inode);
        for (String line : lockTable) {
            // "1: POSIX  ADVISORY  WRITE 12345 08:01:1234567 0 EOF"; blocked waiters start with "->"
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[1].equals("POSIX") && fields[5].equals(id)) {
                try {
                    return OptionalLong.of(Long.parseLong(fields[4]));
                } catch (NumberFormatException notAPid) {
                    // a lock of a process in another pid namespace: not one we can name
                }
            }
        }
        return OptionalLong.empty();
    }

    private static Optional<List<String>> readLockTable() throws IOException {
        try {
            return Optional.of(Files.readAllLines(PROC_LOCKS));
        } catch (NoSuchFileException notLinux) {
            return Optional.empty();
        }
    }

    /** Linux's {@code dev_t} encoding, as glibc's {@code gnu_dev_major}. */
    private static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL);
    }

    private static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & ~0xffL);
    }
}
