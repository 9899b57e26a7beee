package dev.evbus.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookup tables and databases a process has loaded, by real path and kind, so every consumer
 * thread and every key that names the same file shares one copy. One instance per process,
 * passed in (not static), so tests get their own.
 *
 * <p>A {@link #checking()} instance loads nothing: it only checks that each file named is there
 * and readable, from its metadata, without opening it. {@code keys check} and {@code schema}
 * compile stages against one, so a key's options are checked without a 60 MB table or a GeoIP
 * database being read into a process that will never use them.
 */
public final class LoadedFiles {
    /** A file's contents as one kind of value; throws with a message a user can act on. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path file) throws IOException;
    }

    /**
     * Written out, not generated: a record's own {@code equals} and {@code hashCode} are bootstrapped
     * at first use, which spins a dozen method-handle classes that no AOT cache holds (decision 0004).
     */
    private record Entry(Path path, Class<?> kind) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && entry.path.equals(path) && entry.kind == kind;
        }

        @Override
        public int hashCode() {
            return 31 * path.hashCode() + kind.hashCode();
        }
    }

    /** Concurrent: keys compile on the consumer's main thread, pipelines may reload from workers. */
    private final Map<Entry, Object> loaded = new ConcurrentHashMap<>();
    private final boolean loads;
    /** Every file asked for, in order: what {@code consume --dry-run} says the key's stages would read. */
    private final Set<Path> requested = Collections.synchronizedSet(new LinkedHashSet<>());

    /** An instance that loads what it is asked for. */
    public LoadedFiles() {
        this(true);
    }

    private LoadedFiles(boolean loads) {
        this.loads = loads;
    }

    /** An instance that checks files without reading them: {@link #get} is then always empty. */
    public static LoadedFiles checking() {
        return new LoadedFiles(false);
    }

    /** The real path of every file asked for so far, in the order first asked. */
    public List<Path> requested() {
        synchronized (requested) {
            return List.copyOf(requested);
        }
    }

    /**
     * The file's contents, loaded once; empty when this instance only checks (the file is there,
     * a regular file and readable). A missing file is a {@link java.nio.file.NoSuchFileException}
     * either way, so both say the same about it.
     */
    public <T> Optional<T> get(Path file, Class<T> kind, Loader<T> loader) throws IOException {
        Path real = file.toRealPath();
        requested.add(real);
        if (!loads) {
            if (!Files.isRegularFile(real)) {
                throw new IOException("not a regular file");
            }
            if (!Files.isReadable(real)) {
                throw new IOException("cannot be read");
            }
            return Optional.empty();
        }
        Entry entry = new Entry(real, kind);
        Object value = loaded.get(entry);
        if (value == null) {
            value = loader.load(real);
            Object raced = loaded.putIfAbsent(entry, value);
            value = raced != null ? raced : value;
        }
        return Optional.of(kind.cast(value));
    }
}
