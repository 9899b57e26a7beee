package dev.evbus.bus.log;

import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import java.util.Set;

/**
 * Retention's two limits applied to the log's chunks, oldest first: {@code max_bytes} (records and
 * index together) before {@code max_age}. Each chunk let go is told to every reader first, so a
 * reader still inside it counts what it loses, and then to the storage. Called under the log's
 * append lock only, like every method here.
 */
final class Eviction {
    static final String BY_BYTES = "retention.max_bytes";
    static final String BY_AGE = "retention.max_age";

    private final Retention retention;
    private final ChunkList chunks;
    private final Set<LogReader> readers;
    private final LogStorage storage;
    private final TimeSource clock;
    /**
     * Whether evicted chunks may be reused: only when the log lives in memory alone, since a
     * durable log's storage may still be writing an evicted chunk's bytes on its own thread.
     */
    private final boolean recycle;
    /** The chunk {@link #makeRoom} just let go by bytes, for the new tail to reuse; null mostly. */
    private Chunk spare;

    Eviction(Retention retention, ChunkList chunks, Set<LogReader> readers, LogStorage storage, TimeSource clock) {
        this.retention = retention;
        this.chunks = chunks;
        this.readers = readers;
        this.storage = storage;
        this.clock = clock;
        this.recycle = !storage.durable();
    }

    /**
     * The chunk {@link #makeRoom} let go, reset to start at {@code base}, when it has exactly
     * {@code capacity} bytes and no reader holds it; otherwise null, and the caller allocates one.
     * Either way the spare is given up: nothing is kept past the new tail's creation.
     */
    Chunk reuseSpare(long base, int capacity) {
        Chunk candidate = spare;
        spare = null;
        if (candidate == null || candidate.capacity() != capacity || !candidate.reusable()) {
            return null;
        }
        candidate.reuse(base);
        return candidate;
    }

    /** Lets chunks go until one of {@code capacity} more bytes fits under max_bytes, then applies the age limit. */
    void makeRoom(long capacity) {
        while (!chunks.isEmpty() && chunks.footprint() + capacity > retention.maxBytes()) {
            Chunk evicted = evictOldest(BY_BYTES);
            spare = recycle ? evicted : null;
        }
        apply(null);
    }

    /** Lets chunks older than {@code tail} go while the log is over max_bytes (an index that outgrew its room). */
    void overBytes(Chunk tail) {
        while (chunks.footprint() > retention.maxBytes() && chunks.size() > 1 && chunks.oldest() != tail) {
            evictOldest(BY_BYTES);
        }
    }

    /** Applies both limits now, sparing {@code tail} (null: none) from the bytes limit. */
    void apply(Chunk tail) {
        overBytes(tail);
        long oldestAllowed = clock.millis() - retention.maxAge().toMillis();
        while (!chunks.isEmpty() && chunks.oldest().count() > 0 && chunks.oldest().lastTime() < oldestAllowed) {
            evictOldest(BY_AGE);
        }
    }

    private Chunk evictOldest(String reason) {
        Chunk oldest = chunks.oldest();
        for (LogReader reader : readers) {
            reader.evicting(oldest, reason);
        }
        chunks.removeOldest();
        oldest.retire();
        storage.evicted(oldest);
        return oldest;
    }
}
