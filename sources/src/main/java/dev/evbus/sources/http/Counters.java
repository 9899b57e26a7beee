package dev.evbus.sources.http;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What {@code status} shows of the HTTP source; updated by every request's thread, hence atomics. */
final class Counters {
    private final LongAdder eventsIn = new LongAdder();
    private final LongAdder errors = new LongAdder();
    /** Epoch ms of the latest accepted event; only ever moves forward. */
    private final AtomicLong lastEventAt = new AtomicLong();

    void accepted(long atMillis) {
        eventsIn.increment();
        lastEventAt.accumulateAndGet(atMillis, Math::max);
    }

    void error() {
        errors.increment();
    }

    long eventsIn() {
        return eventsIn.sum();
    }

    long errors() {
        return errors.sum();
    }

    long lastEventAt() {
        return lastEventAt.get();
    }
}
