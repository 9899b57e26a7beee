package dev.evbus.pipeline.dlq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.Home;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Item;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterSelectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;
    private DeadLetterStore store;

    @BeforeEach
    void threeLettersOfTwoKeys() throws IOException {
        store = new DeadLetterStore(new Home(home), "app");
        store.write(letter("orders", "e-1", "2025-01-02T03:04:05Z"));
        store.write(letter("orders", "e-2", "2025-01-02T03:04:06Z"));
        store.write(letter("users", "e-1", "2025-01-02T03:04:07Z"));
    }

    private static DeadLetter letter(String key, String eventId, String at) throws IOException {
        var value = JSON.readTree("{\"id\":\"" + eventId + "\"}");
        return new DeadLetter(key, "/stages/0/validate", Map.of(),
                new Item(value, new RawEvent("order.placed", eventId, "1735787045678", 1, RawJson.of(value))),
                "missing data.user_id", 1, Instant.parse(at));
    }

    private List<String> ids(List<StoredLetter> letters) {
        return letters.stream().map(StoredLetter::id).toList();
    }

    private String idOf(String key, String eventId) throws IOException {
        return store.list(Optional.of(key)).stream().map(listing -> ((Listing.Readable) listing).stored())
                .filter(stored -> eventId.equals(DeadLetterStore.eventIdOf(stored.letter()))).findFirst().orElseThrow().id();
    }

    @Test
    void aLetterIdSelectsThatLetterAlone() throws IOException {
        String id = idOf("orders", "e-2");
        LetterSelection selection = LetterSelection.of(store, List.of(id));
        assertEquals(List.of(id), ids(selection.letters()));
        assertEquals(List.of(), selection.nothing());
    }

    @Test
    void aKeySelectsAllItsLettersAndAnEventIdEveryLetterHoldingThatEvent() throws IOException {
        assertEquals(List.of(idOf("orders", "e-1"), idOf("orders", "e-2")),
                ids(LetterSelection.of(store, List.of("orders")).letters()));
        assertEquals(List.of(idOf("orders", "e-1"), idOf("users", "e-1")),
                ids(LetterSelection.of(store, List.of("e-1")).letters()));
    }

    @Test
    void overlappingSelectorsSelectEachLetterOnceOldestFirstAndUnknownOnesAreNamed() throws IOException {
        LetterSelection selection = LetterSelection.of(store, List.of("users", "e-1", "nope"));
        assertEquals(List.of(idOf("orders", "e-1"), idOf("users", "e-1")), ids(selection.letters()));
        assertEquals(List.of("users"), selection.keys());
        assertEquals(List.of("nope"), selection.nothing());
    }
}
