package dev.evbus.consume;

import dev.evbus.config.PrivatePaths;
import dev.evbus.event.TimeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One 0600 file per event in a directory below the working directory. Names carry the time, the
 * pid and a counter, so concurrent consumers never collide; each file appears whole, by rename.
 */
final class DirectorySink implements Sink {
    private final Path dir;
    private final long pid = ProcessHandle.current().pid();
    private final AtomicLong counter = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    /** Its wall time leads each file's name. */
    private final TimeSource clock;

    private DirectorySink(Path dir, TimeSource clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /**
     * Checks {@code --output-dir} before any side effect: relative, inside the working directory,
     * and a directory this user can write or create (its nearest existing ancestor writable).
     */
    static Path validate(Path requested) throws ConsumeFailure {
        if (requested.isAbsolute()) {
            throw ConsumeFailure.badInput("--output-dir must be a relative path, not " + requested
                    + " (hint: cd to where the files should go and pass a subdirectory)");
        }
        for (Path part : requested) {
            if (part.toString().equals("..")) {
                throw ConsumeFailure.badInput("--output-dir must stay inside the working directory: " + requested);
            }
        }
        Path resolved = Path.of("").toAbsolutePath().resolve(requested).normalize();
        if (Files.exists(resolved) && !Files.isDirectory(resolved)) {
            throw ConsumeFailure.badInput("--output-dir " + requested + " exists and is not a directory");
        }
        Path existing = resolved;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw ConsumeFailure.badInput("--output-dir " + requested + ": " + existing + (existing.equals(resolved)
                    ? " is not writable" : " is not a writable directory, so it cannot be created")
                    + " (hint: choose a directory this user can write)");
        }
        return resolved;
    }

    static DirectorySink open(Path resolved, TimeSource clock) throws ConsumeFailure {
        try {
            PrivatePaths.createDirectories(resolved);
        } catch (IOException e) {
            throw ConsumeFailure.failed("cannot create --output-dir " + resolved + ": " + e.getMessage());
        }
        return new DirectorySink(resolved, clock);
    }

    @Override
    public void write(byte[] json, int offset, int length) throws IOException {
        String name = clock.millis() + "-" + pid + "-" + counter.incrementAndGet() + ".json";
        Path temp = dir.resolve("." + name + ".tmp");
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (var out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
            out.write(json, offset, length);
            out.write('\n');
        }
        Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        delivered.incrementAndGet();
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public void flush() {
        // every file is complete when write returns
    }

    @Override
    public void close() {
        // nothing held open
    }
}
