package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.StatusParts;
import dev.evbus.sources.AcceptedEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The bus's core as its connections see it: publishing into the log, where each admitted
 * consumer reads from, the counters, and membership, which it hands to the
 * {@link SubscriptionLifecycle} (who is first, who is last, who waits, who cleans up, when the
 * bus may stop). Publishing takes no lock at all: it is the hot path.
 */
final class Hub {
    /** The outcome of a hello. */
    record Join(boolean first, String rejectReason, long startOffset, long missed) {
        static Join refused(String reason) {
            return new Join(false, reason, 0, 0);
        }

        boolean rejected() {
            return rejectReason != null;
        }
    }

    private final DedupFilter dedup;
    private final RetentionLog events;
    private final Cursors cursors;
    private final SubscriptionLifecycle lifecycle;
    /**
     * Sees each accepted event after it is in the log (the sources' statistics); set once, before
     * the bus takes connections, read by every publishing thread.
     */
    private volatile AcceptedEvents watcher = AcceptedEvents.NONE;
    /** A watcher that throws costs one line a second, never a publish. */
    private final LogThrottle watcherFaults;
    /** Every admitted consumer; replaced whole under the lifecycle's lock, read without it by status queries. */
    private volatile ConsumerConnection[] consumers = new ConsumerConnection[0];
    /** Accepted, duplicate and rejected events per type: status's totals and the metrics. */
    final PublishCounts counts = new PublishCounts();
    final UnmatchedTypes unmatched = new UnmatchedTypes();
    /** The one way events come in, whichever door they use: the checks and the default source time, then {@link #append}. */
    final EventIntake intake;
    /** Its wall time is the default source time and when the sources' statistics see an event accepted. */
    private final TimeSource clock;

    Hub(DedupFilter dedup, BusCleanups cleanups, BusLog log, RetentionLog events, Cursors cursors, TimeSource clock) {
        this.dedup = dedup;
        this.clock = clock;
        this.intake = new EventIntake(this::append, clock);
        this.events = events;
        this.cursors = cursors;
        this.watcherFaults = new LogThrottle(log::warn, clock, 1, TimeUnit.SECONDS);
        this.lifecycle = new SubscriptionLifecycle(new SubscriptionLifecycle.Admission() {
            @Override
            public Join admit(ConsumerConnection consumer, boolean first) {
                return place(consumer, first);
            }

            @Override
            public void drop(ConsumerConnection consumer) {
                consumers = Arrays.stream(consumers).filter(c -> c != consumer).toArray(ConsumerConnection[]::new);
                unmatched.consumersChanged(consumers);
            }
        }, cleanups, log, clock);
    }

    /** Who sees every accepted event from now on; called before the bus takes connections. */
    void watch(AcceptedEvents watcher) {
        this.watcher = watcher;
    }

    SubscriptionLifecycle lifecycle() {
        return lifecycle;
    }

    /** Admits a consumer to its subscription, waiting while another consumer runs preConsume or cleanup. */
    Join join(ConsumerConnection consumer) throws InterruptedException {
        return lifecycle.join(consumer);
    }

    /** Opens the consumer's reader where its hello asks and routes it; under the lifecycle's lock. */
    private Join place(ConsumerConnection consumer, boolean first) {
        StartPosition start = StartPosition.of(consumer.hello, consumer, events, cursors);
        if (start.rejectReason() != null) {
            return Join.refused(start.rejectReason());
        }
        consumer.readFrom(events, events.openReader(consumer.hello.eventTypes(), start.offset()));
        ConsumerConnection[] all = consumers;
        ConsumerConnection[] next = Arrays.copyOf(all, all.length + 1);
        next[all.length] = consumer;
        consumers = next;
        unmatched.consumersChanged(next);
        return new Join(first, null, consumer.reader().position(), start.missed());
    }

    /** The first consumer finished preConsume: later hellos for the subscription may proceed. */
    void setupDone(ConsumerConnection consumer) {
        lifecycle.setupDone(consumer);
    }

    /** The consumer is leaving; true when it was its subscription's last and must run cleanup. */
    boolean leave(ConsumerConnection consumer) {
        return lifecycle.leave(consumer);
    }

    /** The connection closed. If it was the last of its subscription and did not finish a cleanup, the bus runs it. */
    void disconnect(ConsumerConnection consumer) {
        if (consumer.reader() != null) {
            events.closeReader(consumer.reader());
        }
        if (consumer.hello.durable() != null) {
            cursors.detach(consumer, consumer.hello.durable());
        }
        lifecycle.disconnect(consumer);
    }

    void producerOpened() {
        lifecycle.idleness().producerOpened();
    }

    void producerClosed() {
        lifecycle.idleness().producerClosed();
    }

    /**
     * Dedups, then appends an event {@link #intake} checked to the log, where every consumer's
     * reader finds it; never waits for a consumer. Returns its offset, or
     * {@link EventIntake#DUPLICATE}. {@code remote} marks another host's event (from the bridge).
     * Readers are woken by the caller, once per burst ({@link RetentionLog#wakeReaders()}).
     */
    private long append(String eventType, String eventId, String sourceTime, byte[] payload, int payloadOffset,
                        int payloadLength, boolean remote) {
        if (!dedup.firstSighting(eventId)) {
            counts.duplicate(eventType);
            return EventIntake.DUPLICATE;
        }
        counts.accepted(eventType);
        long offset = events.append(eventType, eventId, sourceTime, payload, payloadOffset, payloadLength, remote);
        unmatched.accepted(eventType);
        AcceptedEvents current = watcher;
        if (current != AcceptedEvents.NONE) {
            // the watcher may keep the payload; the range is a producer's read buffer, reused for its next frame
            tell(current, eventType, Arrays.copyOfRange(payload, payloadOffset, payloadOffset + payloadLength));
        }
        return offset;
    }

    private void tell(AcceptedEvents current, String eventType, byte[] payload) {
        try {
            current.accepted(eventType, payload, clock.millis());
        } catch (RuntimeException fault) {
            watcherFaults.warn("the sources' statistics failed on an accepted event (it is published): "
                    + JsonText.quote(String.valueOf(fault)));
        }
    }

    /** The consumers attached now, for a best-effort frame to each. */
    ConsumerConnection[] attached() {
        return consumers;
    }

    /** A consumer says it wrote out everything up to {@code offset}: its named cursor may move. */
    void commit(ConsumerConnection consumer, long offset) {
        if (consumer.hello.durable() != null) {
            cursors.commit(consumer, consumer.hello.durable(), offset);
        }
    }

    /** Blocks until nothing has been attached for {@code idle}, then stops admitting; false if another stop came first. */
    /** Blocks until the bus has been idle for {@code idle} and {@code holding} is false; true when it may exit. */
    boolean awaitIdle(Duration idle, BooleanSupplier holding) {
        return lifecycle.stop().awaitIdleThenStop(lifecycle.idleness(), idle, holding);
    }

    List<StatusParts.ConsumerStatus> consumers() {
        List<StatusParts.ConsumerStatus> list = new ArrayList<>();
        for (ConsumerConnection consumer : consumers) {
            list.add(consumer.status());
        }
        return list;
    }
}
