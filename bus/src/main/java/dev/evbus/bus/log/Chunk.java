package dev.evbus.bus.log;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A run of consecutive records in one byte array, the unit in which the log grows, is written to
 * disk and falls off retention. One appender writes it; any number of readers read it at once.
 *
 * <p>A record becomes visible when {@link #count} (volatile) moves past it: the appender writes
 * the bytes and the index entries first, then publishes the count, so a reader that has read
 * {@code count} sees everything below it. Bytes below the published count never change while a
 * reader holds the chunk.
 *
 * <p>An evicted chunk is {@linkplain #retire() retired}, and the log may {@linkplain #reuse reuse}
 * its arrays for a new tail instead of allocating 2 MiB of garbage per chunk (decision 0008). A
 * reader {@linkplain #pin() pins} the chunk it copies from: the pin and the retired mark are both
 * volatile, the reader raising the pin before reading the mark and the log setting the mark before
 * reading the pins, so either the reader sees the chunk retired and backs off, or the log sees the
 * pin and allocates a fresh chunk. A chunk is never reset under a pin.
 */
public final class Chunk {
    /** Changes only when the chunk is reused, which no pinned reader can see happen. */
    private volatile long baseOffset;
    private final byte[] data;
    /** Record starts and type ids, by index; written by the appender before it publishes {@link #count}. */
    private int[] starts;
    private int[] typeIds;
    private volatile int count;
    private volatile boolean retired;
    /** Readers copying from this chunk now. */
    private final AtomicInteger pins = new AtomicInteger();
    /** Appender only (and readers of a sealed chunk, through the count's happens-before). */
    private int used;
    private long firstTime;
    private long lastTime;

    private Chunk(long baseOffset, byte[] data, int indexCapacity) {
        this.baseOffset = baseOffset;
        this.data = data;
        this.starts = new int[indexCapacity];
        this.typeIds = new int[indexCapacity];
    }

    static Chunk create(long baseOffset, int capacity) {
        return new Chunk(baseOffset, new byte[capacity], 256);
    }

    /**
     * A chunk over records recovered from disk: {@code data[0, used)} must hold whole, checked
     * records with consecutive offsets starting at {@code baseOffset}.
     */
    static Chunk restore(long baseOffset, byte[] data, int used, TypeTable types) {
        Chunk chunk = new Chunk(baseOffset, data, 256);
        int at = 0;
        int index = 0;
        while (at < used) {
            chunk.index(index++, at, types.idOf(RecordFormat.type(data, at)));
            long time = RecordFormat.time(data, at);
            if (index == 1) {
                chunk.firstTime = time;
            }
            chunk.lastTime = time;
            at += RecordFormat.totalLength(data, at);
        }
        chunk.used = used;
        chunk.count = index;
        return chunk;
    }

    /** Holds the chunk for a reader's copy: false when it was evicted, and then it must not be read. */
    boolean pin() {
        pins.incrementAndGet();
        if (retired) {
            pins.decrementAndGet();
            return false;
        }
        return true;
    }

    void unpin() {
        pins.decrementAndGet();
    }

    /** The chunk fell off retention: no reader may pin it from now on. Append lock. */
    void retire() {
        retired = true;
    }

    /** True when the chunk is retired and no reader holds it, so {@link #reuse} may reset it. Append lock. */
    boolean reusable() {
        return retired && pins.get() == 0;
    }

    /**
     * Makes this retired, unpinned chunk an empty one starting at {@code newBase}, keeping its arrays.
     * The retired mark is cleared last, so a reader that pins it afterwards sees every field reset.
     */
    void reuse(long newBase) {
        baseOffset = newBase;
        used = 0;
        firstTime = 0;
        lastTime = 0;
        count = 0;
        retired = false;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** One past the last visible record's offset. */
    public long endOffset() {
        return baseOffset + count;
    }

    public int count() {
        return count;
    }

    /** The backing array; bytes {@code [0, byteEnd(count()))} are whole records. */
    public byte[] data() {
        return data;
    }

    public int capacity() {
        return data.length;
    }

    /** Bytes taken by the first {@code records} records. */
    public int byteEnd(int records) {
        if (records == 0) {
            return 0;
        }
        int last = starts[records - 1];
        return last + RecordFormat.totalLength(data, last);
    }

    int start(int index) {
        return starts[index];
    }

    int typeId(int index) {
        return typeIds[index];
    }

    long firstTime() {
        return firstTime;
    }

    long lastTime() {
        return lastTime;
    }

    /** Bytes this chunk holds on the heap, index included, as retention counts them. */
    long footprint() {
        return data.length + 8L * starts.length;
    }

    boolean fits(int recordLength) {
        return data.length - used >= recordLength;
    }

    /** Room for a record of {@code length} bytes at the end; the caller fills it, then calls {@link #publish}. */
    int reserve(int length) {
        int at = used;
        used += length;
        return at;
    }

    /**
     * Makes the record written at {@code at} visible to readers. Returns how many bytes the index
     * grew by to hold it (0 mostly), so the log's byte count stays exact.
     */
    long publish(int at, int typeId, long time) {
        int index = count;
        long before = footprint();
        index(index, at, typeId);
        if (index == 0) {
            firstTime = time;
        }
        lastTime = time;
        count = index + 1;
        return footprint() - before;
    }

    private void index(int index, int at, int typeId) {
        if (index == starts.length) {
            starts = Arrays.copyOf(starts, index * 2);
            typeIds = Arrays.copyOf(typeIds, index * 2);
        }
        starts[index] = at;
        typeIds[index] = typeId;
    }
}
