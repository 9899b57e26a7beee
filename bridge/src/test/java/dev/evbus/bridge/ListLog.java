package dev.evbus.bridge;

import dev.evbus.event.EventTypePattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A {@link LocalLog} in a list: offsets are list indexes, the cursor is a field, readers wait on the list. */
final class ListLog implements LocalLog {
    /** Guarded by {@code this}. */
    private final List<LocalEvent> events = new ArrayList<>();
    private long cursor = -1;
    private final List<Long> openedAt = new ArrayList<>();

    /** Appends a local event with id {@code id} (null: none) and a small JSON payload; returns its offset. */
    synchronized long append(String type, String id) {
        long offset = events.size();
        byte[] payload = ("{\"n\":" + offset + ",\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
        events.add(new LocalEvent(offset, type, id, String.valueOf(1_700_000_000_000L + offset), payload));
        notifyAll();
        return offset;
    }

    synchronized long cursor() {
        return cursor;
    }

    @Override
    public synchronized long committed() {
        return cursor;
    }

    /** Where each reader started (the offset after the cursor then). */
    synchronized List<Long> openedAt() {
        return List.copyOf(openedAt);
    }

    @Override
    public synchronized Reader open(List<String> patterns) {
        openedAt.add(cursor + 1);
        long start = cursor + 1;
        return new Reader() {
            private long position = start;

            @Override
            public LocalEvent next(long timeout, TimeUnit unit) throws InterruptedException {
                long deadline = System.nanoTime() + unit.toNanos(timeout);
                synchronized (ListLog.this) {
                    while (true) {
                        while (position < events.size()) {
                            LocalEvent event = events.get((int) position++);
                            if (patterns.stream().anyMatch(p -> EventTypePattern.matches(p, event.eventType()))) {
                                return event;
                            }
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return null;
                        }
                        TimeUnit.NANOSECONDS.timedWait(ListLog.this, left);
                    }
                }
            }

            @Override
            public long missed() {
                return 0;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public synchronized void commit(long offset) {
        cursor = Math.max(cursor, offset);
    }

    @Override
    public synchronized long endOffset() {
        return events.size();
    }
}
