package dev.evbus.event;

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

    private final Cache<String, Boolean> seen;

    public DedupFilter() {
        this(DEFAULT_WINDOW, DEFAULT_MAX_IDS, Ticker.systemTicker());
    }

    public DedupFilter(Duration window, int maxIds, Ticker ticker) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(window)
                .maximumSize(maxIds)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** True the first time an id is offered within the window; events without an id are never duplicates. */
    public boolean firstSighting(String eventId) {
        if (eventId == null || eventId.isEmpty()) {
            return true;
        }
        return seen.asMap().putIfAbsent(eventId, Boolean.TRUE) == null;
    }

    public long size() {
        seen.cleanUp();
        return seen.estimatedSize();
    }
}
