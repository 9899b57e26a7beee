package dev.evbus.bus.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The open file of the tail chunk. Flusher thread only. It copies what the chunk has published
 * since the last call, never more: bytes past the published count may still be filled in.
 */
final class SegmentWriter {
    private final Chunk chunk;
    private final FileChannel channel;
    /** Bytes and records handed to the OS, and the part of them a force made durable. */
    private int writtenBytes;
    private int writtenCount;
    private int forcedBytes;
    private int forcedCount;

    SegmentWriter(Chunk chunk, FileChannel channel) {
        this.chunk = chunk;
        this.channel = channel;
    }

    Chunk chunk() {
        return chunk;
    }

    /** Writes the records published since the last call; true when some written bytes still want a force. */
    boolean writePublished() throws IOException {
        int count = chunk.count();
        int end = chunk.byteEnd(count);
        ByteBuffer pending = ByteBuffer.wrap(chunk.data(), writtenBytes, end - writtenBytes);
        while (pending.hasRemaining()) {
            writtenBytes += channel.write(pending, writtenBytes);
        }
        writtenCount = count;
        return writtenCount > forcedCount;
    }

    /** Makes everything written durable and returns the last offset that is now on disk. */
    long force() throws IOException {
        channel.force(false);
        forcedBytes = writtenBytes;
        forcedCount = writtenCount;
        return chunk.baseOffset() + forcedCount - 1;
    }

    /**
     * After a failed write or force, writes again from the last force on: a failed fsync may
     * have dropped the dirty pages, so a later one succeeding proves nothing about them.
     */
    void rewind() {
        writtenBytes = forcedBytes;
        writtenCount = forcedCount;
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // what mattered was forced before; a failing close loses nothing more
        }
    }
}
