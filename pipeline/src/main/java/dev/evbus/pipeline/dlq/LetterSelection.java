package dev.evbus.pipeline.dlq;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The letters that {@code dlq replay} and {@code dlq purge} act on, from selectors that each name a
 * letter by its id, a key (all its letters), or a failed event by its {@code event_id} (every
 * letter holding it). A selector is read in that order: a letter id has a shape no key or event id
 * is likely to share, and a key is recognised by its directory of letters; what is neither is
 * looked up as an event id.
 *
 * @param letters  the selected readable letters, each once, oldest first
 * @param keys     the selectors that named a key, in the order given
 * @param nothing  the selectors that named no letter, key or event
 */
public record LetterSelection(List<StoredLetter> letters, List<String> keys, List<String> nothing) {

    public LetterSelection {
        letters = List.copyOf(letters);
        keys = List.copyOf(keys);
        nothing = List.copyOf(nothing);
    }

    /** Resolves {@code selectors} against the store; unreadable files are skipped here (listing reports them). */
    public static LetterSelection of(DeadLetterStore store, List<String> selectors) throws IOException {
        Map<String, StoredLetter> chosen = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        for (String selector : selectors) {
            Optional<Listing> letter = store.find(selector);
            if (letter.isPresent()) {
                if (letter.get() instanceof Listing.Readable readable) {
                    chosen.putIfAbsent(readable.stored().id(), readable.stored());
                }
            } else if (Files.isDirectory(store.keyDir(selector))) {
                keys.add(selector);
                for (Listing listing : store.list(Optional.of(selector))) {
                    if (listing instanceof Listing.Readable readable) {
                        chosen.putIfAbsent(readable.stored().id(), readable.stored());
                    }
                }
            } else {
                List<StoredLetter> ofEvent = store.findByEvent(selector);
                if (ofEvent.isEmpty()) {
                    nothing.add(selector);
                }
                ofEvent.forEach(stored -> chosen.putIfAbsent(stored.id(), stored));
            }
        }
        List<StoredLetter> letters = new ArrayList<>(chosen.values());
        letters.sort(java.util.Comparator.comparing((StoredLetter stored) -> stored.letter().failedAt())
                .thenComparing(StoredLetter::id));
        return new LetterSelection(letters, keys, nothing);
    }
}
