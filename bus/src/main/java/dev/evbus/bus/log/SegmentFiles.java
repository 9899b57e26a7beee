package dev.evbus.bus.log;

import dev.evbus.config.PrivatePaths;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The segment directory: {@code <20-digit zero-padded base offset>.seg} files, Kafka style, so
 * names sort as offsets do and a name alone tells where its records start. Anything else in the
 * directory is not ours and is left alone.
 */
final class SegmentFiles {
    static final String SUFFIX = ".seg";
    private static final int DIGITS = 20;

    /** A segment file and the offset its name says it starts at. */
    record Segment(Path path, long baseOffset) {
    }

    private final Path dir;

    SegmentFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    static String name(long baseOffset) {
        return String.format("%0" + DIGITS + "d" + SUFFIX, baseOffset);
    }

    /** The base offset a segment file name stands for, or -1 when the name is not a segment's. */
    static long parse(String name) {
        if (name.length() != DIGITS + SUFFIX.length() || !name.endsWith(SUFFIX)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < DIGITS; i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    Path path(long baseOffset) {
        return dir.resolve(name(baseOffset));
    }

    /**
     * Creates the directory (0700) if missing, repairs its mode, refuses a link or another user's
     * directory; the app directory above it was made private when the bus started.
     */
    void ensureDirectory() throws IOException {
        PrivatePaths.directory(dir.getParent(), dir);
    }

    /** The regular files with segment names, oldest first. */
    List<Segment> list() throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                long base = parse(entry.getFileName().toString());
                if (base >= 0 && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    segments.add(new Segment(entry, base));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::baseOffset));
        return segments;
    }

    /** Opens the segment starting at {@code baseOffset} for writing from its start, creating it 0600. */
    FileChannel create(long baseOffset) throws IOException {
        Path path = path(baseOffset);
        FileChannel channel = PrivatePaths.open(path, StandardOpenOption.TRUNCATE_EXISTING);
        syncDirectory();
        return channel;
    }

    void delete(long baseOffset) throws IOException {
        Files.deleteIfExists(path(baseOffset));
        syncDirectory();
    }

    /**
     * Makes the directory's entries durable, so a created file is found and a deleted one stays
     * gone after a crash. Some systems cannot open a directory as a channel; there the entries
     * are as durable as the OS makes them.
     */
    void syncDirectory() throws IOException {
        syncDirectory(dir);
    }

    static void syncDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException notSupported) {
            return;
        }
        try (channel) {
            channel.force(true);
        } catch (IOException refused) {
            if (Files.isDirectory(dir)) {
                return; // the OS does not sync directories this way (EINVAL on some file systems)
            }
            throw refused;
        }
    }

    /** Creates an empty segment whose name alone carries {@code baseOffset} on (see {@link SegmentFlusher}). */
    void createEmpty(long baseOffset) throws IOException {
        PrivatePaths.file(path(baseOffset));
        syncDirectory();
    }

    /** Quoted for a log line: names come from a directory anyone with the user's rights could fill. */
    static String quoted(Path path) {
        return JsonText.quote(path.toString());
    }

    /** An I/O error's message, quoted: it may carry a path or text from the OS. */
    static String reason(Exception failure) {
        return JsonText.quote(failure.getMessage() != null ? failure.getMessage() : failure.getClass().getSimpleName());
    }
}
