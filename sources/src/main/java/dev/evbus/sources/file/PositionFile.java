package dev.evbus.sources.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;

/**
 * Where the file source got to, across bus restarts: {@code {"path","file_key","offset"}} in
 * {@code $EVBUS_HOME/events/<app>/sources/file.pos}, replaced atomically (a temp file renamed over
 * it), so a crash leaves the old position or the new one, never half of either. Only the poller
 * uses it.
 */
final class PositionFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was saved: the followed path, the identity of the file it named, the next unread byte. */
    record Saved(Path path, String fileKey, long offset) {
    }

    private final Path file;

    PositionFile(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** The saved position, or null when there is none or it cannot be used (said on {@code warn}). */
    Saved load(Consumer<String> warn) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return null;
        } catch (IOException unreadable) {
            warn.accept("file source: cannot read its position " + JsonText.quote(file.toString()) + ": "
                    + unreadable.getMessage() + "; starting as for a file never seen");
            return null;
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            JsonNode path = root.get("path");
            JsonNode key = root.get("file_key");
            JsonNode offset = root.get("offset");
            if (path != null && path.isTextual() && key != null && key.isTextual() && offset != null
                    && offset.canConvertToLong() && offset.asLong() >= 0) {
                return new Saved(Path.of(path.asText()), key.asText(), offset.asLong());
            }
        } catch (IOException | RuntimeException malformed) {
            // said below, as for a file of the wrong shape
        }
        warn.accept("file source: ignored its position " + JsonText.quote(file.toString())
                + ": not {\"path\",\"file_key\",\"offset\"}; starting as for a file never seen");
        return null;
    }

    void save(Saved position) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("path", position.path().toString())
                .put("file_key", position.fileKey()).put("offset", position.offset());
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, JSON.writeValueAsBytes(root));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notHere) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
