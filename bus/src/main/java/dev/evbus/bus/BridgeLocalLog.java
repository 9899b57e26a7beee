package dev.evbus.bus;

import dev.evbus.bridge.LocalEvent;
import dev.evbus.bridge.LocalLog;
import dev.evbus.bus.log.LogReader;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.protocol.ByteSink;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.FrameException;
import dev.evbus.protocol.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The retention log as the bridge reads it: local events only (remote ones carry the log's mark),
 * from right after the {@link BridgeCursor}. Events are read as the frames consumers get and
 * decoded back, so the bridge sends exactly what a local consumer would see.
 */
final class BridgeLocalLog implements LocalLog {
    /** Frames copied per read: enough for a batch of small events, one 1 MiB event at least. */
    private static final int READ_BYTES = 256 * 1024;

    private final RetentionLog events;
    private final BridgeCursor cursor;
    /**
     * Offsets below this were read or counted missed by an earlier reader: a reader reopened from the
     * cursor after a fault must not count the same lost events again. Exporting thread only.
     */
    private long countedThrough;

    BridgeLocalLog(RetentionLog events, BridgeCursor cursor) {
        this.events = events;
        this.cursor = cursor;
    }

    @Override
    public Reader open(List<String> patterns) {
        long start = cursor.committed() + 1;
        // at most: remote events and other types in the gap count too
        long missedBefore = Math.max(0, events.firstOffset() - Math.max(start, countedThrough));
        return new LocalReader(events.openReader(patterns, start, true), missedBefore);
    }

    @Override
    public void commit(long offset) {
        cursor.commit(offset);
    }

    @Override
    public long endOffset() {
        return events.endOffset();
    }

    @Override
    public long committed() {
        return cursor.committed();
    }

    /** One reader, used by the bridge's exporting thread only. */
    private final class LocalReader implements Reader {
        private final LogReader reader;
        private final long missedBefore;
        private final ByteSink frames = new ByteSink(READ_BYTES + 4096);
        private final Deque<LocalEvent> ready = new ArrayDeque<>();

        LocalReader(LogReader reader, long missedBefore) {
            this.reader = reader;
            this.missedBefore = missedBefore;
        }

        @Override
        public LocalEvent next(long timeout, TimeUnit unit) throws InterruptedException {
            if (ready.isEmpty()) {
                fill();
            }
            if (ready.isEmpty() && events.awaitAppend(reader.position(), timeout, unit)) {
                fill();
            }
            return ready.pollFirst();
        }

        private void fill() {
            frames.reset();
            if (reader.read(frames, READ_BYTES) == 0) {
                return;
            }
            byte[] data = frames.array();
            int start = 0;
            for (int i = 0; i < frames.size(); i++) {
                if (data[i] == '\n') {
                    ready.addLast(decode(data, start, i - start));
                    start = i + 1;
                }
            }
        }

        private LocalEvent decode(byte[] data, int at, int length) {
            try {
                Message.Event event = (Message.Event) FrameCodec.decode(data, at, length);
                return new LocalEvent(event.offset(), event.eventType(), event.eventId(), event.sourceTime(),
                        event.payload());
            } catch (FrameException | ClassCastException impossible) {
                throw new IllegalStateException("the log holds a frame that does not decode as an event", impossible);
            }
        }

        @Override
        public long missed() {
            return missedBefore + reader.dropped();
        }

        @Override
        public void close() {
            countedThrough = Math.max(countedThrough, reader.position());
            events.closeReader(reader);
        }
    }
}
