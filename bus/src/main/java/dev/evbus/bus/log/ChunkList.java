package dev.evbus.bus.log;

import java.util.Arrays;
import java.util.List;

/**
 * The log's chunks, oldest first, and the heap bytes they hold. Changed only under the log's
 * append lock; the array is replaced whole on each change (once per chunk, never per event), so
 * readers look chunks up without any lock.
 */
final class ChunkList {
    private volatile Chunk[] chunks;
    /** Heap bytes of every chunk here, index included: what max_bytes bounds. Append lock. */
    private long footprint;

    ChunkList(List<Chunk> recovered) {
        chunks = recovered.toArray(Chunk[]::new);
        for (Chunk chunk : chunks) {
            footprint += chunk.footprint();
        }
    }

    boolean isEmpty() {
        return chunks.length == 0;
    }

    int size() {
        return chunks.length;
    }

    Chunk oldest() {
        return chunks[0];
    }

    /** The newest chunk, or null when there is none. */
    Chunk newest() {
        Chunk[] current = chunks;
        return current.length == 0 ? null : current[current.length - 1];
    }

    long footprint() {
        return footprint;
    }

    void add(Chunk chunk) {
        Chunk[] current = chunks;
        Chunk[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = chunk;
        chunks = next;
        footprint += chunk.footprint();
    }

    /** A chunk's index grew by {@code bytes}. */
    void grew(long bytes) {
        footprint += bytes;
    }

    Chunk removeOldest() {
        Chunk[] current = chunks;
        Chunk oldest = current[0];
        chunks = Arrays.copyOfRange(current, 1, current.length);
        footprint -= oldest.footprint();
        return oldest;
    }

    /** The oldest retained offset, or {@code end} when there is none. */
    long firstOffset(long end) {
        Chunk[] current = chunks;
        return current.length == 0 ? end : current[0].baseOffset();
    }

    /** Bytes of the records themselves. */
    long recordBytes() {
        long bytes = 0;
        for (Chunk chunk : chunks) {
            bytes += chunk.byteEnd(chunk.count());
        }
        return bytes;
    }

    /** The first offset appended at or after {@code epochMillis}, or {@code end} if none. */
    long offsetAtTime(long epochMillis, long end) {
        for (Chunk chunk : chunks) {
            if (chunk.count() == 0 || chunk.lastTime() < epochMillis) {
                continue;
            }
            for (int index = 0; index < chunk.count(); index++) {
                if (RecordFormat.time(chunk.data(), chunk.start(index)) >= epochMillis) {
                    return chunk.baseOffset() + index;
                }
            }
        }
        return end;
    }

    /** The chunk that holds {@code offset}, or the next one after a gap; the oldest for an offset below it. */
    Chunk chunkFor(long offset) {
        Chunk[] current = chunks;
        int low = 0;
        int high = current.length - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (current[middle].baseOffset() <= offset) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        if (found < 0) {
            return current.length > 0 ? current[0] : null;
        }
        // Past a sealed chunk's end but before the next one's base: offsets whose records a durable
        // log's recovery found damaged and skipped, or skipped by continueAfter. The next records
        // are in the next chunk.
        if (offset >= current[found].endOffset() && found + 1 < current.length) {
            return current[found + 1];
        }
        return current[found];
    }

    Chunk[] snapshot() {
        return chunks.clone();
    }
}
