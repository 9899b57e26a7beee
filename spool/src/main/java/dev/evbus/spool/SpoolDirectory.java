package dev.evbus.spool;

import dev.evbus.config.PrivatePaths;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An app's spool directory. File names are {@code <epoch ms, 13 digits>-<pid, 10>-<counter, 6>.spool},
 * so sorting them by name sorts them by creation. A file is owned by the process holding its
 * exclusive lock; {@link #tryClaim} takes the ones whose writer is gone. Thread-safe.
 */
public final class SpoolDirectory {
    private static final Pattern NAME = Pattern.compile("\\d{13}-\\d{10}-\\d{6}\\.spool");
    /** Shared by every writer of this process, so two publishers of one app never pick the same name. */
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Path dir;

    public SpoolDirectory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    static String fileName(long epochMillis, long pid, int counter) {
        return String.format("%013d-%010d-%06d.spool", epochMillis, pid, counter % 1_000_000);
    }

    /** Every spool file, oldest first, owned or not; empty when the directory does not exist. */
    public List<Path> files() throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            PrivatePaths.directory(dir.getParent(), dir); // a planted link or another user's directory is refused, not read
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            entries.filter(file -> NAME.matcher(file.getFileName().toString()).matches()).forEach(files::add);
        } catch (NoSuchFileException none) {
            return List.of();
        }
        files.sort(null);
        return files;
    }

    /** Takes the file if no live process owns it (and it still exists); empty otherwise. */
    public Optional<SpoolFile> tryClaim(Path file) throws IOException {
        FileChannel channel;
        try {
            // never a planted link's target: its events would be taken in and the target deleted
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        try {
            FileLock lock = tryLock(channel);
            // Its owner deletes a file before unlocking it: a file still there after the lock is ours whole.
            if (lock != null && Files.exists(file)) {
                return Optional.of(new SpoolFile(file, channel, lock, channel.size()));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return Optional.empty();
    }

    /**
     * Creates a new file, already locked. It is created under a hidden name and renamed once locked,
     * so no claimant can ever see it unowned.
     */
    SpoolFile create(long epochMillis) throws IOException {
        PrivatePaths.directory(dir.getParent(), dir); // the app directory is made private by whoever made it
        String name = fileName(epochMillis, ProcessHandle.current().pid(), COUNTER.getAndIncrement());
        Path hidden = dir.resolve("." + name + ".new");
        FileChannel channel = FileChannel.open(hidden, java.util.Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IOException("cannot lock a new spool file " + hidden);
            }
            Path file = dir.resolve(name);
            Files.move(hidden, file);
            return new SpoolFile(file, channel, lock, 0);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(hidden);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException ownedHere) {
            return null; // this very process owns it, through another channel
        }
    }
}
