package dev.evbus.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

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
     * read, is refused with an {@link IOException} whose message says so: at most one byte past
     * the limit is ever read.
     */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private static IOException tooLarge() {
        return new IOException("larger than " + DataSize.format(MAX_BYTES) + ", the limit for a config or key file");
    }
}
