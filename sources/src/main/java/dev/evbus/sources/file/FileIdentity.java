package dev.evbus.sources.file;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which file a path names right now and how long it is. The key is the file system's identity of the
 * file (device and inode on Unix), so a rename keeps it and a new file under the old name changes it.
 */
record FileIdentity(String key, long size) {

    /** What {@code path} names, or null when nothing does. */
    static FileIdentity of(Path path) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException missing) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            throw new IOException("not a regular file");
        }
        Object key = attributes.fileKey();
        // Without file keys (not on Unix) a rotation is only seen as a truncation.
        return new FileIdentity(key == null ? "" : key.toString(), attributes.size());
    }

    /**
     * The file beside {@code path} whose name starts with its name ({@code events.ndjson.1}, say) and
     * whose key is {@code key}: where a file rotated away while the bus was down went. Null if none.
     */
    static Path rotatedSibling(Path path, String key) throws IOException {
        if (key.isEmpty() || path.getParent() == null) {
            return null;
        }
        String name = path.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(path.getParent(),
                sibling -> sibling.getFileName().toString().startsWith(name) && !sibling.equals(path))) {
            for (Path sibling : siblings) {
                if (Files.isRegularFile(sibling) && key.equals(keyOrNull(sibling))) {
                    return sibling;
                }
            }
        } catch (NoSuchFileException noDirectory) {
            return null;
        }
        return null;
    }

    private static String keyOrNull(Path path) {
        try {
            FileIdentity identity = of(path);
            return identity == null ? null : identity.key;
        } catch (IOException gone) {
            return null;
        }
    }
}
