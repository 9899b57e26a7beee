package dev.evbus.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lookup tables and databases a process has loaded, by real path and kind, so every consumer
 * thread and every key that names the same file shares one copy. One instance per process,
 * passed in (not static), so tests get their own.
 */
public final class LoadedFiles {
    /** A file's contents as one kind of value; throws with a message a user can act on. */
    @FunctionalInterface
    public interface Loader<T> {
        T load(Path file) throws IOException;
    }

    private record Entry(Path path, Class<?> kind) {
    }

    /** Concurrent: keys compile on the consumer's main thread, pipelines may reload from workers. */
    private final Map<Entry, Object> loaded = new ConcurrentHashMap<>();

    public <T> T get(Path file, Class<T> kind, Loader<T> loader) throws IOException {
        Path real = file.toRealPath();
        Entry entry = new Entry(real, kind);
        Object value = loaded.get(entry);
        if (value == null) {
            value = loader.load(real);
            Object raced = loaded.putIfAbsent(entry, value);
            value = raced != null ? raced : value;
        }
        return kind.cast(value);
    }
}
