package dev.evbus.bus.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.config.AppPaths;
import dev.evbus.config.PrivatePaths;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The named cursors of a durable log, {@code events/<app>/cursors.json} (0600):
 * {@code {"cursors": [{"name", "subscription_id", "event_key", "offset", "updated_at"}]}}.
 *
 * <p>Saved by writing a temp file beside it, forcing it and renaming it over the old one, so a
 * crash leaves either the old or the new list, never a mix. A leftover temp file is never read.
 * A file that does not parse is reported once and read as no cursors: the consumers start over
 * from their defaults rather than the bus failing to start.
 */
public final class CursorFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMP_SUFFIX = ".tmp";

    private final Path file;
    private final Consumer<String> warn;

    public CursorFile(Path file, Consumer<String> warn) {
        this.file = file;
        this.warn = warn;
    }

    public static CursorFile of(AppPaths paths, Consumer<String> warn) {
        return new CursorFile(paths.cursorsFile(), warn);
    }

    /** The saved cursors; empty when there is no file or it is unreadable (reported). */
    public List<StoredCursor> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException failed) {
            return corrupt(SegmentFiles.reason(failed));
        }
        try {
            JsonNode list = JSON.readTree(bytes).path("cursors");
            if (!list.isArray()) {
                return corrupt("no \"cursors\" list");
            }
            List<StoredCursor> cursors = new ArrayList<>();
            for (JsonNode entry : list) {
                StoredCursor cursor = parse(entry);
                if (cursor == null) {
                    return corrupt("a cursor without name, subscription_id, event_key or offset");
                }
                cursors.add(cursor);
            }
            return cursors;
        } catch (IOException | IllegalArgumentException bad) { // Jackson reports bad JSON as an IOException
            return corrupt("not JSON");
        }
    }

    private static StoredCursor parse(JsonNode entry) {
        JsonNode name = entry.get("name");
        JsonNode subscription = entry.get("subscription_id");
        JsonNode key = entry.get("event_key");
        JsonNode offset = entry.get("offset");
        if (name == null || !name.isTextual() || subscription == null || !subscription.isTextual()
                || key == null || !key.isTextual() || offset == null || !offset.canConvertToExactIntegral()
                || !offset.canConvertToLong()) {
            return null;
        }
        return new StoredCursor(name.asText(), subscription.asText(), key.asText(), offset.asLong(),
                entry.path("updated_at").asText(""));
    }

    private List<StoredCursor> corrupt(String why) {
        warn.accept("cursors: ignored " + JsonText.quote(file.toString()) + ": " + why
                + "; named consumers start from their defaults");
        return List.of();
    }

    /** Replaces the saved cursors atomically; synchronized because all saves share one temp file. */
    public synchronized void save(List<StoredCursor> cursors) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("cursors");
        for (StoredCursor cursor : cursors) {
            list.addObject().put("name", cursor.name()).put("subscription_id", cursor.subscriptionId())
                    .put("event_key", cursor.eventKey()).put("offset", cursor.offset())
                    .put("updated_at", cursor.updatedAt());
        }
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        Path temp = file.resolveSibling(file.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = PrivatePaths.open(temp, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        SegmentFiles.syncDirectory(file.getParent());
    }
}
