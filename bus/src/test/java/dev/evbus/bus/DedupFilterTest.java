package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DedupFilterTest {
    private static final Duration WINDOW = Duration.ofMinutes(5);

    /** Time that moves only when the test says so. */
    private static final class ManualTicker implements Ticker {
        private final AtomicLong nanos = new AtomicLong();

        @Override
        public long read() {
            return nanos.get();
        }

        void advance(Duration by) {
            nanos.addAndGet(by.toNanos());
        }
    }

    private final ManualTicker ticker = new ManualTicker();
    private final DedupFilter filter = new DedupFilter(WINDOW, 1000, ticker);

    @Test
    void duplicateIdWithinWindowIsDetected() {
        assertTrue(filter.firstSighting("evt-1"));
        ticker.advance(WINDOW.minusSeconds(1));
        assertFalse(filter.firstSighting("evt-1"));
    }

    @Test
    void distinctIdsAreEachFirstSightings() {
        assertTrue(filter.firstSighting("evt-1"));
        assertTrue(filter.firstSighting("evt-2"));
    }

    @Test
    void missingOrEmptyIdIsNeverADuplicate() {
        assertTrue(filter.firstSighting(null));
        assertTrue(filter.firstSighting(null));
        assertTrue(filter.firstSighting(""));
        assertTrue(filter.firstSighting(""));
    }

    @Test
    void idIsForgottenAfterTheWindow() {
        assertTrue(filter.firstSighting("evt-1"));
        ticker.advance(WINDOW.plusSeconds(1));
        assertTrue(filter.firstSighting("evt-1"));
        assertFalse(filter.firstSighting("evt-1"));
    }

    @Test
    void aFilterThatSawNoIdHoldsNone() {
        assertEquals(0, filter.size());
        assertTrue(filter.firstSighting(null));
        assertEquals(0, filter.size());
    }

    /** The cache is built by the first id offered: threads offering their first id at once share one. */
    @Test
    void theSameIdOfferedAtOnceByManyThreadsIsAFirstSightingOnce() throws Exception {
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger first = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            started.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                if (filter.firstSighting("evt-race")) {
                    first.incrementAndGet();
                }
            }));
        }
        start.countDown();
        for (Thread thread : started) {
            thread.join();
        }
        assertEquals(1, first.get());
        assertEquals(1, filter.size());
    }

    @Test
    void memoryStaysBoundedByMaxIds() {
        for (int i = 0; i < 50_000; i++) {
            filter.firstSighting("evt-" + i);
        }
        long size = filter.size();
        assertTrue(size <= 1000 + 16, "dedup filter holds " + size + " ids");
    }
}
