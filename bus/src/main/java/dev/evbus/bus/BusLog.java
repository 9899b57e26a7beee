package dev.evbus.bus;

import dev.evbus.config.AppPaths;
import dev.evbus.config.InstantText;
import dev.evbus.config.PrivatePaths;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The bus's {@code bus.log}. Callers pass untrusted text through {@link dev.evbus.protocol.JsonText#quote}
 * so no peer can forge a line.
 *
 * <p>The log keeps one older generation, {@code bus.log.1}, and rotates whenever it passes 5 MB,
 * at start and while the bus runs. It rotates by copying and then truncating, not by renaming:
 * the bus's own stderr (start failures, a JVM crash report) is the same file, opened in append
 * mode by whoever forked the bus, and a rename would leave that descriptor writing into
 * {@code bus.log.1}. With append mode both writers simply continue at the new, empty end. A line
 * written to stderr in the instant between the copy and the truncation is lost; the bus's own
 * lines never are, since they are written under the same lock as the rotation.
 */
final class BusLog implements AutoCloseable {
    static final long ROTATE_AT_BYTES = 5L * 1024 * 1024;

    /** Guarded by {@code this}: lines from concurrent connections must not interleave with each other or a rotation. */
    private final OutputStream out;
    private final Rotation rotation;
    /** Where each line also goes ({@code evbus serve}'s stderr), or null; set once the bus has started. */
    private volatile PrintStream echo;
    /** Bytes in the file as far as this log knows (its own lines since the last rotation); guarded by {@code this}. */
    private long size;

    /** Where a file-backed log rotates to, and past which size; null for a stream. */
    private record Rotation(Path file, Path rotated, long limit, FileChannel channel) {
    }

    private BusLog(OutputStream out, Rotation rotation, long size) {
        this.out = out;
        this.rotation = rotation;
        this.size = size;
    }

    public static BusLog open(AppPaths paths) throws IOException {
        return open(paths.logFile(), paths.rotatedLogFile(), ROTATE_AT_BYTES);
    }

    static BusLog open(Path file, Path rotated, long limit) throws IOException {
        FileChannel channel = PrivatePaths.open(file, StandardOpenOption.APPEND); // a planted link is refused, not followed
        BusLog log = new BusLog(Channels.newOutputStream(channel), new Rotation(file, rotated, limit, channel), channel.size());
        synchronized (log) {
            log.rotateIfLarge();
        }
        return log;
    }

    /** A log that writes to a stream, for tests and for the foreground {@code _bus --log-stderr}. */
    public static BusLog to(PrintStream stream) {
        return new BusLog(stream, null, 0);
    }

    /** Writes every later line to {@code stream} too, as well as to the log. */
    public void echoTo(PrintStream stream) {
        this.echo = stream;
    }

    public void info(String message) {
        write("INFO", message);
    }

    public void warn(String message) {
        write("WARN", message);
    }

    private void write(String level, String message) {
        // The machine's wall time, not the bus's clock: a log line says when it was written, under any clock.
        String line = InstantText.format(Instant.now()) + " " + level + " " + message.replace('\n', ' ').replace('\r', ' ') + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(bytes);
                out.flush();
                size += bytes.length;
                rotateIfLarge();
            } catch (IOException e) {
                // a full disk must not take the bus down; the line is lost
            }
            PrintStream also = echo;
            if (also != null) {
                also.print(line); // under the lock too: echoed lines keep the log's order
                also.flush();
            }
        }
    }

    /** Under {@code this}. */
    private void rotateIfLarge() throws IOException {
        if (rotation == null || size <= rotation.limit()) {
            return;
        }
        // What other writers (stderr) appended counts too: copy what the file really holds.
        try (FileChannel source = FileChannel.open(rotation.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
             FileChannel target = PrivatePaths.open(rotation.rotated(), StandardOpenOption.TRUNCATE_EXISTING)) {
            long length = source.size();
            long copied = 0;
            while (copied < length) {
                copied += source.transferTo(copied, length - copied, target);
            }
        }
        rotation.channel().truncate(0);
        size = 0;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            out.close();
        }
    }
}
