package dev.evbus.bridge;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bus's retention log as the bridge's outgoing side reads it. The outgoing backlog is the log
 * itself between the bridge's cursor and its end: bounded by retention, kept on disk where
 * retention is durable, so nothing is held twice. Implemented by the bus; thread-safe.
 */
public interface LocalLog {

    /**
     * Opens a reader of the events of {@code patterns} (the {@code evbus consume} type patterns)
     * right after the bridge's saved cursor; events the bridge itself brought in are skipped.
     */
    Reader open(List<String> patterns);

    /** Saves the cursor: every local event through {@code offset} is stored in JetStream. */
    void commit(long offset);

    /** The saved cursor: the newest offset through which every local event is in JetStream, or -1 for none. */
    long committed();

    /** The offset the next appended event will get: backlog = end − (cursor + 1). */
    long endOffset();

    /** One reader; used by one thread. */
    interface Reader extends AutoCloseable {
        /**
         * The next local event, waiting up to {@code timeout} for one; null when none came.
         *
         * @throws InterruptedException when the bridge stops
         */
        LocalEvent next(long timeout, TimeUnit unit) throws InterruptedException;

        /** Events that fell off retention before the bridge read them (lost to the other hosts), so far. */
        long missed();

        @Override
        void close();
    }
}
