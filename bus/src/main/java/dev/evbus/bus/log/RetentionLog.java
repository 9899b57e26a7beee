package dev.evbus.bus.log;

import dev.evbus.config.Retention;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.EventFrame;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The app's log of accepted events: each appended once with the next offset, kept in chunks
 * until retention (bytes, then age) lets the oldest chunk go, and read by any number of
 * {@link LogReader}s at their own pace. Appending never waits for a reader.
 */
public final class RetentionLog implements AutoCloseable {
    private static final int MIN_CHUNK = 256 * 1024;
    private static final int MAX_CHUNK = 4 * 1024 * 1024;

    private final Retention retention;
    private final LogStorage storage;
    private final TimeSource clock;
    private final int chunkSize;
    /** Shared with recovery, so recovered and new records number their types alike. */
    private final TypeTable types;

    /** Serialises appends, evictions and reader registration. */
    private final ReentrantLock appendLock = new ReentrantLock();
    private final ChunkList chunks;
    /** The chunk appends go to, or null when the next append starts one. */
    private volatile Chunk tail;
    /** The offset the next append gets; everything below it is visible. Readers sleep on it. */
    private final Watermark end;
    /** Append lock: the type of the last append and its number, reused while a producer repeats the same String. */
    private TypeTable.Type lastType;
    private String lastTypeName;
    /** Append lock: the frame head of the event being appended. */
    private final ByteSink head = new ByteSink(512);
    private final Set<LogReader> readers = ConcurrentHashMap.newKeySet();
    /** Append lock. */
    private final Eviction eviction;
    private final StoredOffsets stored;

    private RetentionLog(Retention retention, LogStorage storage, TimeSource clock, TypeTable types,
                         LogStorage.Recovery recovery) {
        this.retention = retention;
        this.storage = storage;
        this.clock = clock;
        this.types = types;
        this.chunkSize = (int) Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, retention.maxBytes() / 32));
        this.chunks = new ChunkList(recovery.chunks());
        Chunk newest = chunks.newest();
        this.end = new Watermark(newest == null ? recovery.nextOffset() : newest.endOffset());
        this.eviction = new Eviction(retention, chunks, readers, storage, clock);
        this.stored = new StoredOffsets(storage, end);
    }

    /** Opens a log over {@code storage}, recovering what it holds. */
    public static RetentionLog open(Retention retention, LogStorage storage, TimeSource clock) throws IOException {
        TypeTable types = new TypeTable();
        RetentionLog log = new RetentionLog(retention, storage, clock, types, storage.recover(types));
        log.appendLock.lock();
        try {
            log.evict(); // a smaller max_bytes or an expired age since the last run
        } finally {
            log.appendLock.unlock();
        }
        return log;
    }

    /**
     * Makes the next offset at least {@code offset + 1}, so offsets someone has already seen (a
     * cursor saved before a crash cut the unsynced tail) are never given to new events. The
     * offsets skipped hold nothing; readers step over them.
     */
    public void continueAfter(long offset) {
        appendLock.lock();
        try {
            if (offset >= end.get()) {
                end.raise(offset + 1);
                tail = null;
            }
        } finally {
            appendLock.unlock();
        }
    }

    public Retention retention() {
        return retention;
    }

    /**
     * Appends one event and returns its offset. The payload bytes must be one valid JSON value.
     * Readers see it at once but are woken only by {@link #wakeReaders()}, once per burst.
     */
    public long append(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                       int payloadLength) {
        return append(eventType, eventId, sourceTime, payload, payloadOffset, payloadLength, false);
    }

    /**
     * As {@link #append(String, String, String, byte[], int, int)}; {@code remote} marks another
     * host's event, which readers opened for the bridge skip.
     *
     * @throws IllegalArgumentException when the type is longer than {@link RecordFormat#MAX_TYPE_BYTES} in UTF-8
     */
    public long append(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                       int payloadLength, boolean remote) {
        appendLock.lock();
        try {
            long offset = end.get();
            long now = clock.millis();
            TypeTable.Type numbered = eventType == lastTypeName ? lastType : types.of(eventType);
            lastType = numbered;
            lastTypeName = eventType;
            int typeId = numbered.id();
            byte[] type = numbered.utf8();
            if (type.length > RecordFormat.MAX_TYPE_BYTES) {
                throw new IllegalArgumentException("event type longer than " + RecordFormat.MAX_TYPE_BYTES + " bytes");
            }
            head.reset();
            EventFrame.writeHead(head, eventType, eventId, sourceTime, offset);
            int length = RecordFormat.recordLength(type, head, payloadLength);
            Chunk chunk = tailWithRoom(length, now);
            int at = chunk.reserve(length);
            RecordFormat.write(chunk.data(), at, offset, now, type, remote, head, payload, payloadOffset, payloadLength,
                    storage.durable());
            long grown = chunk.publish(at, typeId, now);
            end.raise(offset + 1);
            if (grown > 0) {
                chunks.grew(grown);
                eviction.overBytes(tail); // the index outgrew the room reserved for it
            }
            storage.appended();
            return offset;
        } finally {
            appendLock.unlock();
        }
    }

    private Chunk tailWithRoom(int length, long now) {
        Chunk chunk = tail;
        if (chunk != null && chunk.fits(length) && chunk.firstTime() < now - retention.maxAge().toMillis()) {
            evict(); // age is checked per chunk; do it when the tail is busy too
            chunk = tail; // null when the tail itself aged out: the event needs a new chunk
        }
        if (chunk != null && chunk.fits(length)) {
            return chunk;
        }
        int capacity = Math.max(chunkSize, length);
        tail = null;
        eviction.makeRoom(capacity);
        chunk = eviction.reuseSpare(end.get(), capacity);
        if (chunk == null) {
            chunk = Chunk.create(end.get(), capacity);
        }
        chunks.add(chunk);
        tail = chunk;
        storage.chunkStarted(chunk);
        return chunk;
    }

    /** Applies both limits now; the bus calls it every second so a quiet log still ages. Under the append lock. */
    private void evict() {
        eviction.apply(tail);
        if (chunks.isEmpty()) {
            tail = null; // the tail was the only chunk, and it aged out
        }
    }

    /** Drops expired chunks; for the bus's periodic tick. */
    public void expire() {
        appendLock.lock();
        try {
            evict();
        } finally {
            appendLock.unlock();
        }
    }

    /** Wakes readers waiting for appends; publishers call it once per burst they have read. */
    public void wakeReaders() {
        end.wakeWaiters();
    }

    /** Waits until something is appended at or past {@code position}, or the log closes. */
    public void awaitAppend(long position) throws InterruptedException {
        end.await(position + 1, Long.MAX_VALUE);
    }

    /**
     * Waits until something is appended at or past {@code position}, the log closes or the timeout
     * passes; true when something was appended.
     */
    public boolean awaitAppend(long position, long timeout, TimeUnit unit) throws InterruptedException {
        return end.await(position + 1, unit.toNanos(timeout));
    }

    /** A reader of the event types {@code patterns} starting at {@code start}, or at the oldest retained offset if later. */
    public LogReader openReader(List<String> patterns, long start) {
        return openReader(patterns, start, false);
    }

    /** As {@link #openReader(List, long)}; with {@code localOnly} the reader skips remote events (for the bridge). */
    public LogReader openReader(List<String> patterns, long start, boolean localOnly) {
        appendLock.lock();
        try {
            long from = Math.max(firstOffset(), start);
            LogReader reader = new LogReader(this, patterns, from, localOnly);
            readers.add(reader);
            return reader;
        } finally {
            appendLock.unlock();
        }
    }

    public void closeReader(LogReader reader) {
        readers.remove(reader);
    }

    /** The oldest retained offset ({@link #endOffset()} when the log is empty). */
    public long firstOffset() {
        return chunks.firstOffset(end.get());
    }

    /** One past the newest offset. */
    public long endOffset() {
        return end.get();
    }

    /** The first retained offset appended at or after {@code epochMillis}; {@link #endOffset()} if none. */
    public long offsetAtTime(long epochMillis) {
        appendLock.lock();
        try {
            return chunks.offsetAtTime(epochMillis, end.get());
        } finally {
            appendLock.unlock();
        }
    }

    /** How far the events are stored: what acknowledgements wait for. */
    public StoredOffsets stored() {
        return stored;
    }

    Chunk chunkFor(long offset) {
        return chunks.chunkFor(offset);
    }

    /** The chunks now, oldest first. */
    Chunk[] chunksForTest() {
        return chunks.snapshot();
    }

    /** Heap bytes the log holds, index included: what max_bytes bounds. */
    long heapBytes() {
        appendLock.lock();
        try {
            return chunks.footprint();
        } finally {
            appendLock.unlock();
        }
    }

    boolean isTail(Chunk chunk) {
        return tail == chunk;
    }

    /** What the log holds now; the numbers are read together, under the append lock. */
    public LogState status() {
        appendLock.lock();
        try {
            long first = firstOffset();
            long next = end.get();
            long oldestAge = 0;
            if (!chunks.isEmpty() && chunks.oldest().count() > 0) {
                oldestAge = Math.max(0, clock.millis() - chunks.oldest().firstTime());
            }
            return new LogState(first, next - 1, chunks.recordBytes(), next - first, oldestAge,
                    retention.maxBytes(), retention.maxAge().toMillis(), storage.durable(),
                    storage.durable() ? storage.storedOffset(next) : 0);
        } finally {
            appendLock.unlock();
        }
    }

    @Override
    public void close() {
        end.close();
        storage.close();
    }
}
