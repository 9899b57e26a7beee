package dev.evbus.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a file that a person writes for evbus to read, an app's config file or a key file, whole
 * but no larger than {@link #MAX_BYTES}: its size is up to whoever wrote it, and every command that
 * reads it holds it in memory. Such a file is a few kilobytes; tables and databases, which may be
 * large, are files of their own that the stages open. A final link is followed, as an editor
 * would: key files are often kept in a repository and linked in.
 */
public final class SettingsFile {
    /** Over a thousand times the largest key file in the examples, and still small to hold. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private SettingsFile() {
    }

    /**
     * The file's bytes. A file larger than the limit, even one that grows past it while it is
     * read, is refused with an {@link IOException} whose message says so, and is never held whole.
     */
    public static byte[] read(Path file) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            long size = channel.size();
            if (size > MAX_BYTES) {
                throw tooLarge();
            }
            // The size is a hint only: the file may change between that look and the read.
            ByteBuffer bytes = ByteBuffer.allocate((int) size + 1);
            while (true) {
                if (!bytes.hasRemaining()) {
                    if (bytes.capacity() > MAX_BYTES) {
                        throw tooLarge();
                    }
                    bytes = ByteBuffer.allocate(Math.min(bytes.capacity() * 2, MAX_BYTES + 1)).put(bytes.flip());
                }
                if (channel.read(bytes) < 0) {
                    return Arrays.copyOf(bytes.array(), bytes.position());
                }
            }
        }
    }

    private static IOException tooLarge() {
        return new IOException("larger than " + DataSize.format(MAX_BYTES) + ", the limit for a config or key file");
    }
}
