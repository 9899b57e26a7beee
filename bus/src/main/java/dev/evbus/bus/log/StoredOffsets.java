package dev.evbus.bus.log;

import java.util.concurrent.TimeUnit;

/**
 * How far the log's events are stored (on disk when the log is durable, at once when it is not):
 * what producer acknowledgements and the spool's hand-over wait for, apart from appending and
 * reading, which {@link RetentionLog} does. Thread-safe: the storage and the watermark are.
 */
public final class StoredOffsets {
    private final LogStorage storage;
    private final Watermark end;

    StoredOffsets(LogStorage storage, Watermark end) {
        this.storage = storage;
        this.end = end;
    }

    /** Waits until every offset below {@code upTo} is stored. */
    public boolean awaitStored(long upTo, long timeout, TimeUnit unit) throws InterruptedException {
        return upTo <= 1 || storage.awaitStored(upTo - 1, unit.toNanos(timeout));
    }

    /** True when every offset below {@code upTo} is stored already. */
    public boolean isStored(long upTo) {
        return upTo <= 1 || storage.storedOffset(end.get()) >= upTo - 1;
    }

    /** Why storing events fails right now (a full disk), or null while it works. */
    public String failure() {
        return storage.failure();
    }

    public boolean durable() {
        return storage.durable();
    }
}
