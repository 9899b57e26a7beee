package dev.evbus.bus;

import dev.evbus.bus.log.StoredCursor;
import dev.evbus.config.InstantText;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Refusals;
import dev.evbus.protocol.Message;
import dev.evbus.protocol.StatusParts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named cursors: for each name, the subscription it belongs to and the offset of the last event
 * its consumers wrote out. A cursor is used by at most one consumer at a time; a consumer
 * attaching with a known name starts right after its offset. The map is guarded by this object's
 * monitor: it is small and touched per attach, detach and commit batch, never per event. Saving
 * happens outside it, under {@link #saving}, so a slow disk never holds up a commit.
 */
final class Cursors {
    /** One cursor's state; fields guarded by the {@link Cursors} monitor. */
    static final class Cursor {
        final String name;
        final String subscriptionId;
        final String eventKey;
        long offset;
        Instant updatedAt;
        ConsumerConnection attached;

        Cursor(String name, String subscriptionId, String eventKey, long offset, Instant updatedAt) {
            this.name = name;
            this.subscriptionId = subscriptionId;
            this.eventKey = eventKey;
            this.offset = offset;
            this.updatedAt = updatedAt;
        }
    }

    /** How an attach went: where to start reading (next offset after the cursor), or why not. */
    record Attach(long resumeAt, boolean known, String rejectReason) {
        boolean rejected() {
            return rejectReason != null;
        }
    }

    /** Where cursors outlive the bus (a durable log), or nowhere. */
    interface Store {
        Store NONE = new Store() {
            @Override
            public List<StoredCursor> load() {
                return List.of();
            }

            @Override
            public void save(List<StoredCursor> cursors) {
            }
        };

        List<StoredCursor> load();

        void save(List<StoredCursor> cursors);
    }

    private final Map<String, Cursor> byName = new LinkedHashMap<>();
    private final Store store;
    private boolean dirty;
    /**
     * Held from snapshot to the end of the save. Without it, the stopping bus's last persist found
     * nothing dirty while the tick thread was still writing the newest snapshot, returned, and the
     * exit cut that write off: the file kept an older offset. With it, a persist returns only once
     * every change made before the call is on disk, and saves land in snapshot order.
     */
    private final Object saving = new Object();
    /** Its wall time stamps each cursor's last move. */
    private final TimeSource clock;

    Cursors(Store store, TimeSource clock) {
        this.store = store;
        this.clock = clock;
        for (StoredCursor saved : store.load()) {
            byName.put(saved.name(), new Cursor(saved.name(), saved.subscriptionId(), saved.eventKey(), saved.offset(), instant(saved.updatedAt())));
        }
    }

    /** A saved time, or the epoch when the file's text is not one (it is only shown, never relied on). */
    private static Instant instant(String text) {
        try {
            return text == null ? Instant.EPOCH : InstantText.parse(text);
        } catch (java.time.format.DateTimeParseException bad) {
            return Instant.EPOCH;
        }
    }

    synchronized Attach attach(String name, ConsumerConnection consumer) {
        Message.Hello hello = consumer.hello;
        Cursor cursor = byName.get(name);
        if (cursor == null) {
            cursor = new Cursor(name, hello.subscriptionId(), hello.eventKey(), 0, clock.instant());
            cursor.attached = consumer;
            byName.put(name, cursor);
            dirty = true;
            return new Attach(0, false, null);
        }
        if (!cursor.subscriptionId.equals(hello.subscriptionId())) {
            return new Attach(0, true, Refusals.cursorOfAnotherSubscription(name, cursor.subscriptionId, cursor.eventKey));
        }
        if (cursor.attached != null) {
            return new Attach(0, true, Refusals.cursorInUse(name, cursor.attached.hello.pid()));
        }
        cursor.attached = consumer;
        return new Attach(cursor.offset + 1, cursor.offset > 0, null);
    }

    /** The consumer wrote out everything up to {@code offset}. */
    synchronized void commit(ConsumerConnection consumer, String name, long offset) {
        Cursor cursor = byName.get(name);
        if (cursor != null && cursor.attached == consumer && offset > cursor.offset) {
            cursor.offset = offset;
            cursor.updatedAt = clock.instant();
            dirty = true;
        }
    }

    synchronized void detach(ConsumerConnection consumer, String name) {
        Cursor cursor = byName.get(name);
        if (cursor != null && cursor.attached == consumer) {
            cursor.attached = null;
            dirty = true;
        }
    }

    /** Removes a cursor nobody uses; the answer says what happened. */
    synchronized Message.CursorRemoved remove(String name) {
        Cursor cursor = byName.get(name);
        if (cursor == null) {
            return new Message.CursorRemoved(false, "no cursor named " + JsonText.quote(String.valueOf(name)));
        }
        if (cursor.attached != null) {
            return new Message.CursorRemoved(false, Refusals.cursorInUse(name, cursor.attached.hello.pid())
                    + "; stop that consumer first");
        }
        byName.remove(name);
        dirty = true;
        return new Message.CursorRemoved(true, "removed cursor " + JsonText.quote(name));
    }

    /** Every cursor with its lag behind the log's newest offset. */
    synchronized List<StatusParts.CursorStatus> list(long lastOffset) {
        List<StatusParts.CursorStatus> result = new ArrayList<>();
        for (Cursor cursor : byName.values()) {
            result.add(new StatusParts.CursorStatus(cursor.name, cursor.eventKey, cursor.subscriptionId, cursor.offset,
                    Math.max(0, lastOffset - cursor.offset), cursor.attached == null ? 0 : cursor.attached.hello.pid(),
                    InstantText.format(cursor.updatedAt)));
        }
        return result;
    }

    /** The highest offset any cursor has reached; 0 when there are none. */
    synchronized long highestOffset() {
        return byName.values().stream().mapToLong(c -> c.offset).max().orElse(0);
    }

    /**
     * Writes the cursors to their store if anything changed since the last save; when it returns,
     * every change made before the call is saved (or its failure logged), even one another thread
     * was saving.
     */
    void persist() {
        synchronized (saving) {
            List<StoredCursor> snapshot = new ArrayList<>();
            synchronized (this) {
                if (!dirty) {
                    return;
                }
                dirty = false;
                for (Cursor cursor : byName.values()) {
                    snapshot.add(new StoredCursor(cursor.name, cursor.subscriptionId, cursor.eventKey, cursor.offset,
                            InstantText.format(cursor.updatedAt)));
                }
            }
            store.save(snapshot);
        }
    }
}
