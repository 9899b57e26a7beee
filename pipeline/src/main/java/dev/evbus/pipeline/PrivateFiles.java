package dev.evbus.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a 0600 file whole or not at all: into a hidden temporary file beside it, then renamed
 * over the target, so a reader (or a crash) never sees half a file. Readers skip names that start
 * with a dot.
 */
public final class PrivateFiles {
    private static final long PID = ProcessHandle.current().pid();
    /** Process-wide, so temporary names never collide between threads or sinks. */
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Set<StandardOpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

    private PrivateFiles() {
    }

    /**
     * Writes {@code content} as {@code dir/name}, replacing a file of that name; with {@code sync}
     * the bytes are on disk before the rename, for files that must survive a power cut.
     */
    public static Path write(Path dir, String name, byte[] content, boolean sync) throws IOException {
        Path temp = dir.resolve("." + name + "." + PID + "." + COUNTER.incrementAndGet() + ".tmp");
        try (FileChannel out = FileChannel.open(temp, CREATE_NEW,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            if (sync) {
                out.force(true);
            }
        } catch (IOException failed) {
            Files.deleteIfExists(temp);
            throw failed;
        }
        Path target = dir.resolve(name);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException failed) {
            Files.deleteIfExists(temp);
            throw failed;
        }
        return target;
    }

    /** A name unique across processes: {@code <millis>-<pid>-<counter><suffix>}. */
    public static String uniqueName(long millis, String suffix) {
        return millis + "-" + PID + "-" + COUNTER.incrementAndGet() + suffix;
    }
}
