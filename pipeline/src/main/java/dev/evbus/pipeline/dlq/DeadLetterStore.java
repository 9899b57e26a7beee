package dev.evbus.pipeline.dlq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import dev.evbus.config.PrivatePaths;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.DeadLetters;
import dev.evbus.pipeline.PrivateFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One app's dead letters: {@code $EVBUS_HOME/dlq/<app>/<key>/<id>.json}, directories 0700, files
 * 0600, each written whole by rename and flushed to disk first (a dead letter is the last copy of
 * its event). Several consumers may write at once: ids never collide, and no file is changed in
 * place. Reading never fails on a file that is not a letter: it is listed as unreadable.
 */
public final class DeadLetterStore implements DeadLetters {
    /**
     * Made when a letter is first written or read, not when the store is: every keyed consumer
     * makes a store at start, and building a mapper (with its date formats) there cost its ready
     * line milliseconds for letters most consumers never write (decision 0042).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * Oldest failure first, unreadable files last, then by file name. One lambda of ours rather than
     * {@code Comparator.comparing} chains: the JDK's lambdas behind those are generated on a
     * consumer's start-up path, outside any AOT cache (decision 0004).
     */
    private static final Comparator<Listing> BY_TIME = (a, b) -> {
        Instant first = failedAt(a);
        Instant second = failedAt(b);
        int byTime = first == null ? (second == null ? 0 : 1) : second == null ? -1 : first.compareTo(second);
        return byTime != 0 ? byTime : a.file().toString().compareTo(b.file().toString());
    };

    private final Path home;
    private final Path root;

    public DeadLetterStore(Home home, String appId) {
        this.home = home.root();
        this.root = home.deadLetters(appId);
    }

    /** The directory of {@code key}'s letters (whether or not it exists). */
    public Path keyDir(String key) {
        return root.resolve(AppPaths.sanitise(key));
    }

    @Override
    public void write(DeadLetter letter) throws IOException {
        Path dir = keyDir(letter.key());
        PrivatePaths.directory(home, dir);
        String id = LetterIds.next(letter.failedAt());
        PrivateFiles.write(dir, id + ".json", bytes(id, letter), true);
    }

    /** The letters of {@code key}, or of every key when empty, oldest first; files that are not letters last. */
    public List<Listing> list(Optional<String> key) throws IOException {
        List<Listing> out = new ArrayList<>();
        if (key.isPresent()) {
            listDir(keyDir(key.get()), out);
        } else {
            for (Path dir : children(root)) {
                if (Files.isDirectory(dir)) {
                    listDir(dir, out);
                }
            }
        }
        out.sort(BY_TIME);
        return out;
    }

    /** The readable letters of the event with this {@code event_id}, in any key's directory, oldest first. */
    public List<StoredLetter> findByEvent(String eventId) throws IOException {
        List<StoredLetter> out = new ArrayList<>();
        for (Listing listing : list(Optional.empty())) {
            if (listing instanceof Listing.Readable readable && eventId.equals(eventIdOf(readable.stored().letter()))) {
                out.add(readable.stored());
            }
        }
        return out;
    }

    /** The failed event's own {@code event_id}; null when it had none. */
    public static String eventIdOf(DeadLetter letter) {
        return letter.item().envelope() == null ? null : letter.item().envelope().eventId();
    }

    /** The letter with this id, in any key's directory; empty when none (or {@code id} is not an id). */
    public Optional<Listing> find(String id) throws IOException {
        if (!LetterIds.valid(id)) {
            return Optional.empty();
        }
        for (Path dir : children(root)) {
            Path file = dir.resolve(id + ".json");
            if (Files.isRegularFile(file)) {
                return Optional.of(read(file));
            }
        }
        return Optional.empty();
    }

    /** Rewrites a letter's file with {@code updated}'s retry count, reason and time, atomically. */
    public StoredLetter update(StoredLetter stored, DeadLetter updated) throws IOException {
        Path file = PrivateFiles.write(stored.file().getParent(), stored.file().getFileName().toString(),
                bytes(stored.id(), updated), true);
        return new StoredLetter(stored.id(), updated, file);
    }

    /** Removes a letter's file; false when it was already gone. */
    public boolean delete(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }

    /** Removes every file of {@code key}'s directory, letters or not; returns how many letters' files went. */
    public int purge(String key) throws IOException {
        int removed = 0;
        for (Path file : children(keyDir(key))) {
            String name = file.getFileName().toString();
            if (Files.isRegularFile(file) && Files.deleteIfExists(file) && !name.startsWith(".") && name.endsWith(".json")) {
                removed++;
            }
        }
        return removed;
    }

    /** The file's content pretty-printed, for {@code dlq show}. */
    public static String pretty(Path file) throws IOException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(Json.MAPPER.readTree(file.toFile()));
    }

    private static byte[] bytes(String id, DeadLetter letter) throws JsonProcessingException {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(LetterJson.encode(id, letter));
    }

    private static void listDir(Path dir, List<Listing> out) throws IOException {
        for (Path file : children(dir)) {
            String name = file.getFileName().toString();
            // Hidden names are a writer's temporary files, whole or not yet.
            if (!name.startsWith(".") && name.endsWith(".json") && Files.isRegularFile(file)) {
                out.add(read(file));
            }
        }
    }

    private static Listing read(Path file) {
        try {
            return new Listing.Readable(LetterJson.decode(Json.MAPPER.readTree(file.toFile()), file));
        } catch (JsonProcessingException notJson) {
            return new Listing.Unreadable(file, "not JSON: " + notJson.getOriginalMessage());
        } catch (LetterJson.Malformed malformed) {
            return new Listing.Unreadable(file, malformed.getMessage());
        } catch (IOException unreadable) {
            return new Listing.Unreadable(file, unreadable.toString());
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        } catch (NoSuchFileException none) {
            return out;
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    private static Instant failedAt(Listing listing) {
        return listing instanceof Listing.Readable readable ? readable.stored().letter().failedAt() : null;
    }
}
