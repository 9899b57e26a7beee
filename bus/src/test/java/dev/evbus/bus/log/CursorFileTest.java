package dev.evbus.bus.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named cursors on disk: saved whole or not at all, and a bad file never stops the bus. */
class CursorFileTest {
    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    private CursorFile cursors() {
        return new CursorFile(dir.resolve("cursors.json"), warnings::add);
    }

    private static final List<StoredCursor> TWO = List.of(
            new StoredCursor("mailer", "sub-1", "orders", 42, "2024-05-01T10:00:00Z"),
            new StoredCursor("audit \"x\"", "sub-2", "order.*", 9_000_000_000L, "2024-05-01T10:00:01Z"));

    @Test
    void savedCursorsLoadBackEqual() throws Exception {
        cursors().save(TWO);
        assertEquals(TWO, cursors().load());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aMissingFileIsNoCursorsWithoutAWarning() {
        assertEquals(List.of(), cursors().load());
        assertEquals(List.of(), warnings);
    }

    @Test
    void theFileIsOwnerReadWriteOnly() throws Exception {
        cursors().save(TWO);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("cursors.json"))));
    }

    @Test
    void aLeftoverTempFileFromACrashIsIgnoredAndOverwritten() throws Exception {
        cursors().save(TWO);
        Files.writeString(dir.resolve("cursors.json.tmp"), "{\"cursors\": [{\"name\": \"half");

        assertEquals(TWO, cursors().load());
        cursors().save(TWO.subList(0, 1));
        assertEquals(TWO.subList(0, 1), cursors().load());
        assertTrue(Files.notExists(dir.resolve("cursors.json.tmp")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void aCorruptFileIsReportedOnceAndReadAsNoCursors() throws Exception {
        Files.writeString(dir.resolve("cursors.json"), "{\"cursors\": [{\"name\": \"half");
        assertEquals(List.of(), cursors().load());
        assertEquals(1, warnings.size());
        assertTrue(warnings.getFirst().startsWith("cursors: ignored \"" + dir.resolve("cursors.json") + "\""), warnings.getFirst());
    }

    @Test
    void aCursorWithoutAnOffsetMakesTheFileCorrupt() throws Exception {
        Files.writeString(dir.resolve("cursors.json"), "{\"cursors\": [{\"name\": \"a\", \"subscription_id\": \"s\", \"event_key\": \"k\"}]}");
        assertEquals(List.of(), cursors().load());
        assertEquals(1, warnings.size());
    }
}
