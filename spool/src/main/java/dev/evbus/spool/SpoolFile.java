package dev.evbus.spool;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One spool file this process owns: it holds the file's exclusive lock until {@link #delete()} or
 * {@link #release()}. The file is read through the same channel, never reopened, because on POSIX
 * closing any descriptor of a file drops every lock the process holds on it.
 * Not thread-safe: one thread owns it.
 */
public final class SpoolFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final FileLock lock;
    private long bytes;
    private long events;

    SpoolFile(Path path, FileChannel channel, FileLock lock, long bytes) {
        this.path = path;
        this.channel = channel;
        this.lock = lock;
        this.bytes = bytes;
    }

    public Path path() {
        return path;
    }

    /** Bytes in the file. */
    public long bytes() {
        return bytes;
    }

    /** Events this process wrote into it; 0 for a claimed file, whose count only reading tells. */
    public long events() {
        return events;
    }

    void append(byte[] frames, int offset, int length, int frameCount) throws IOException {
        ByteBuffer source = ByteBuffer.wrap(frames, offset, length);
        while (source.hasRemaining()) {
            channel.write(source, bytes + (length - source.remaining()));
        }
        bytes += length;
        events += frameCount;
    }

    /** Forces what was appended onto the disk. */
    public void sync() throws IOException {
        channel.force(false);
    }

    /** Reads the frames; the reader does not close this file. */
    public SpoolReader reader(SpoolReader.Problems problems) {
        return new SpoolReader(new PositionalInput(channel), path, problems);
    }

    /** Removes the file, then gives up the lock: nobody can claim it in between. */
    public void delete() throws IOException {
        try {
            Files.deleteIfExists(path);
        } finally {
            release();
        }
    }

    /** Gives up ownership and leaves the file for whoever claims it next (the bus). */
    public void release() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    @Override
    public void close() throws IOException {
        release();
    }

    @Override
    public String toString() {
        return path.toString();
    }

    /** Reads a channel from its start with positional reads, leaving the channel open and its position alone. */
    private static final class PositionalInput extends InputStream {
        private final FileChannel channel;
        private long position;

        PositionalInput(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int read = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (read > 0) {
                position += read;
            }
            return read;
        }
    }
}
