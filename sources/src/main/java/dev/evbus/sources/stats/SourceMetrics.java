package dev.evbus.sources.stats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Events accepted per type and source, the {@code metrics} of {@code GET /stats}, keyed
 * {@code "<type>:<source>"} ({@code (none)} for an event without a source). Bounded: at most
 * {@link #MAX_KEYS} keys; events of later pairs count under {@link #OTHER}.
 *
 * <p>Thread-safe without a lock: concurrent maps of {@link LongAdder}s, so a known pair costs two
 * lookups and an increment; a new pair reserves its key from {@link #keys}, which keeps the cap exact.
 */
final class SourceMetrics {
    static final int MAX_KEYS = 10_000;
    static final String OTHER = "(other)";
    static final String NO_SOURCE = "(none)";

    private final Map<String, Map<String, LongAdder>> byType = new ConcurrentHashMap<>();
    /** Keys made so far (may pass the cap by the number of racing threads; only compared). */
    private final AtomicInteger keys = new AtomicInteger();
    private final LongAdder other = new LongAdder();

    void count(String type, String source) {
        String key = source == null ? NO_SOURCE : source;
        Map<String, LongAdder> bySource = byType.get(type);
        LongAdder counter = bySource == null ? null : bySource.get(key);
        if (counter == null && keys.get() < MAX_KEYS) {
            counter = byType.computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                    .computeIfAbsent(key, k -> keys.getAndIncrement() < MAX_KEYS ? new LongAdder() : null);
        }
        (counter == null ? other : counter).increment();
    }

    /** Writes the keys, sorted, into {@code out}. */
    void writeTo(ObjectNode out) {
        Map<String, Long> sorted = new TreeMap<>();
        byType.forEach((type, bySource) -> bySource.forEach((source, n) -> sorted.put(type + ":" + source, n.sum())));
        sorted.forEach(out::put);
        if (other.sum() > 0) {
            out.put(OTHER, other.sum());
        }
    }
}
