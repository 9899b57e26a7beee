package dev.evbus.bus.log;

import java.io.IOException;
import java.util.List;

/**
 * Where the log's chunks live besides the heap. The log calls these under its append lock, so
 * each must return quickly; writing and syncing happen on the storage's own thread.
 */
public interface LogStorage extends AutoCloseable {

    /** A log that lives only in memory: nothing to recover, everything is "stored" once appended. */
    LogStorage MEMORY = new LogStorage() {
        @Override
        public Recovery recover(TypeTable types) {
            return new Recovery(List.of(), 1);
        }

        @Override
        public long storedOffset(long appendedEnd) {
            return appendedEnd - 1;
        }

        @Override
        public boolean awaitStored(long offset, long timeoutNanos) {
            return true;
        }
    };

    /** What a previous life of the log left: its chunks, oldest first, and the next offset to assign. */
    record Recovery(List<Chunk> chunks, long nextOffset) {
    }

    default boolean durable() {
        return false;
    }

    /** Reads back what is on disk, cutting a torn tail; called once, before the first append. */
    Recovery recover(TypeTable types) throws IOException;

    /** A new chunk became the tail: records will be appended to it from now on. */
    default void chunkStarted(Chunk chunk) {
    }

    /** Records were published in the tail chunk. */
    default void appended() {
    }

    /** A chunk fell off retention. */
    default void evicted(Chunk chunk) {
    }

    /** The last offset known to be stored, given that everything below {@code appendedEnd} was appended. */
    long storedOffset(long appendedEnd);

    /** Waits until {@code offset} is stored; false when the time ran out or the storage failed. */
    boolean awaitStored(long offset, long timeoutNanos) throws InterruptedException;

    /** Why storing fails right now (a full disk), or null while it works or for a log in memory. */
    default String failure() {
        return null;
    }

    @Override
    default void close() {
    }
}
