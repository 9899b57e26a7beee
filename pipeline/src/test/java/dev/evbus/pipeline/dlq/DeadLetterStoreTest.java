package dev.evbus.pipeline.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.Home;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Item;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private DeadLetterStore store() {
        return new DeadLetterStore(new Home(home), "my/app");
    }

    static DeadLetter letter(String key, String payload, Instant at) throws IOException {
        var value = JSON.readTree(payload);
        return new DeadLetter(key, "/stages/1/effects/sinks/0/http", Map.of("webhook", "http://h/x"),
                new Item(value, new RawEvent("order.placed", "e-1", "1735787045678", 3, RawJson.of(value))),
                "POST http://h/x answered HTTP 503", 3, at);
    }

    private static Listing.Readable readable(Listing listing) {
        if (listing instanceof Listing.Readable readable) {
            return readable;
        }
        throw new AssertionError("unreadable: " + listing);
    }

    @Test
    void aLetterIsOnePrivateFileInAPrivateDirectoryWithTheDocumentedFields() throws IOException {
        store().write(letter("events.processed", "{\"id\":\"o-1\",\"total\":9.5}", Instant.parse("2025-01-02T03:04:05.678Z")));

        Path dir = home.resolve("dlq/my_app/events.processed");
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.toList();
        }
        assertEquals(1, files.size());
        Path file = files.get(0);
        assertTrue(file.getFileName().toString().matches("20250102T030405678Z-[0-9a-f]{8}\\.json"), file.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        for (Path d : List.of(dir, dir.getParent(), home.resolve("dlq"))) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)), d.toString());
        }
        String id = file.getFileName().toString().replace(".json", "");
        assertEquals(JSON.readTree("{\"id\":\"" + id + "\",\"key\":\"events.processed\",\"stage\":\"/stages/1/effects/sinks/0/http\","
                + "\"dlq_reason\":\"POST http://h/x answered HTTP 503\",\"retry_count\":3,\"dlq_timestamp\":\"2025-01-02T03:04:05.678Z\","
                + "\"params\":{\"webhook\":\"http://h/x\"},"
                + "\"event\":{\"event_type\":\"order.placed\",\"event_id\":\"e-1\",\"source_time\":\"1735787045678\",\"seq\":3},"
                + "\"value\":{\"id\":\"o-1\",\"total\":9.5}}"), JSON.readTree(file.toFile()));
        List<String> fields = new java.util.ArrayList<>();
        JSON.readTree(file.toFile()).fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("id", "key", "stage", "dlq_reason", "retry_count", "dlq_timestamp", "params", "event", "value"), fields);
    }

    @Test
    void lettersListOldestFirstPerKeyOrForEveryKeyAndReadBackAsWritten() throws IOException {
        DeadLetterStore store = store();
        DeadLetter late = letter("b.key", "{\"n\":2}", Instant.parse("2025-01-02T03:00:02Z"));
        DeadLetter early = letter("a.key", "{\"n\":1}", Instant.parse("2025-01-02T03:00:01Z"));
        DeadLetter middle = letter("b.key", "{\"n\":3}", Instant.parse("2025-01-02T03:00:01.500Z"));
        store.write(late);
        store.write(early);
        store.write(middle);

        List<StoredLetter> all = store.list(Optional.empty()).stream().map(listing -> readable(listing).stored()).toList();
        assertEquals(List.of(comparable(early), comparable(middle), comparable(late)),
                all.stream().map(stored -> comparable(stored.letter())).toList());
        assertEquals(List.of("{\"n\":3}", "{\"n\":2}"), store.list(Optional.of("b.key")).stream()
                .map(listing -> readable(listing).stored().letter().item().value().toString()).toList());
        assertEquals(List.of(), store.list(Optional.of("none")));

        StoredLetter found = readable(store.find(all.get(1).id()).orElseThrow()).stored();
        assertEquals(all.get(1).file(), found.file());
        assertEquals(comparable(middle), comparable(found.letter()));
    }

    @Test
    void anUpdateRewritesCountReasonAndTimeAndADeleteRemovesTheFile() throws IOException {
        DeadLetterStore store = store();
        store.write(letter("k", "{}", Instant.parse("2025-01-02T03:00:00Z")));
        StoredLetter stored = readable(store.list(Optional.of("k")).get(0)).stored();
        DeadLetter was = stored.letter();

        store.update(stored, new DeadLetter(was.key(), was.stagePath(), was.params(), was.item(), "still down", 4,
                Instant.parse("2025-01-03T00:00:00Z")));
        StoredLetter now = readable(store.find(stored.id()).orElseThrow()).stored();
        assertEquals(List.of("still down", "4", "2025-01-03T00:00:00Z"),
                List.of(now.letter().reason(), "" + now.letter().retryCount(), now.letter().failedAt().toString()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(now.file())));
        assertEquals(1, store.list(Optional.of("k")).size(), "the update left a second file");

        assertTrue(store.delete(now.file()));
        assertFalse(store.delete(now.file()));
        assertEquals(Optional.empty(), store.find(stored.id()));
    }

    @Test
    void aCorruptFileIsListedAsUnreadableWithItsNameAndTemporaryFilesAreIgnored() throws IOException {
        DeadLetterStore store = store();
        store.write(letter("k", "{}", Instant.parse("2025-01-02T03:00:00Z")));
        Path dir = store.keyDir("k");
        Files.writeString(dir.resolve("20250101T000000000Z-00000000.json"), "{\"id\": ");
        Files.writeString(dir.resolve("20250101T000000001Z-00000000.json"), "{\"id\": \"20250101T000000001Z-00000000\"}");
        Files.writeString(dir.resolve(".20250101T000000002Z-00000000.json.1.1.tmp"), "half");

        List<Listing> listed = store.list(Optional.of("k"));
        assertEquals(3, listed.size(), listed.toString());
        readable(listed.get(0));
        Listing.Unreadable notJson = (Listing.Unreadable) listed.get(1);
        assertEquals(dir.resolve("20250101T000000000Z-00000000.json"), notJson.file());
        assertTrue(notJson.problem().startsWith("not JSON: "), notJson.problem());
        assertEquals(new Listing.Unreadable(dir.resolve("20250101T000000001Z-00000000.json"), "\"stage\" is missing"), listed.get(2));

        assertEquals(3, store.purge("k"));
        assertEquals(List.of(), store.list(Optional.empty()));
    }

    @Test
    void findByEventGivesEveryLetterOfThatEventAcrossKeysOldestFirst() throws IOException {
        DeadLetterStore store = store();
        DeadLetter second = letter("b.key", "{\"n\":2}", Instant.parse("2025-01-02T03:00:02Z"));
        DeadLetter first = letter("a.key", "{\"n\":1}", Instant.parse("2025-01-02T03:00:01Z"));
        DeadLetter other = new DeadLetter("a.key", first.stagePath(), first.params(),
                new Item(first.item().value(), new RawEvent("order.placed", "e-2", "1", 4, null)), "x", 1, first.failedAt());
        store.write(second);
        store.write(first);
        store.write(other);

        assertEquals(List.of(comparable(first), comparable(second)),
                store.findByEvent("e-1").stream().map(stored -> comparable(stored.letter())).toList());
        assertEquals(1, store.findByEvent("e-2").size());
        assertEquals(List.of(), store.findByEvent("e-3"));
        assertEquals("e-1", DeadLetterStore.eventIdOf(first));
    }

    @Test
    void findTakesOnlyAnIdSoItCannotNameAnotherFile() throws IOException {
        store().write(letter("k", "{}", Instant.parse("2025-01-02T03:00:00Z")));
        assertEquals(Optional.empty(), store().find("../../etc/passwd"));
        assertEquals(Optional.empty(), store().find("20250102T030000000Z-ffffffff"));
    }

    /** DeadLetter's item holds a RawJson, which has no value equality. */
    private static List<Object> comparable(DeadLetter letter) {
        return List.of(letter.key(), letter.stagePath(), letter.params(), letter.item().value(), letter.item().envelope().eventType(),
                letter.item().envelope().eventId(), letter.item().envelope().sourceTime(), letter.item().envelope().seq(),
                letter.reason(), letter.retryCount(), letter.failedAt());
    }
}
