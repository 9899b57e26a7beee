package dev.evbus.bus;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;

/**
 * Remembers event ids for a window so a re-sent event reaches consumers once. Memory is bounded
 * by a Caffeine cache: past {@code maxIds} it forgets ids early rather than grow.
 */
public final class DedupFilter {
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_MAX_IDS = 10_000;

    private final Duration window;
    private final int maxIds;
    private final Ticker ticker;
    /**
     * Built by the first id offered, not by the constructor: Caffeine's first cache loads ~110
     * classes (its own and, through its {@code System.Logger}, {@code java.util.logging}) whose
     * metadata a bus that has routed no event need not hold. Written once under {@code this};
     * volatile so a reader that sees it sees it built.
     */
    private volatile Cache<String, Boolean> seen;

    public DedupFilter() {
        this(DEFAULT_WINDOW, DEFAULT_MAX_IDS, Ticker.systemTicker());
    }

    public DedupFilter(Duration window, int maxIds, Ticker ticker) {
        this.window = window;
        this.maxIds = maxIds;
        this.ticker = ticker;
    }

    /** True the first time an id is offered within the window; events without an id are never duplicates. */
    public boolean firstSighting(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            return true;
        }
        return cache().asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    public long size() {
        Cache<String, Boolean> cache = seen;
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Cache<String, Boolean> cache() {
        Cache<String, Boolean> cache = seen;
        if (cache != null) {
            return cache;
        }
        synchronized (this) {
            if (seen == null) {
                seen = Caffeine.newBuilder()
                        .expireAfterWrite(window)
                        .maximumSize(maxIds)
                        .ticker(ticker)
                        .executor(Runnable::run)
                        .build();
            }
            return seen;
        }
    }
}
