package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.DedupFilter;
import dev.evbus.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bus's membership core: which consumers exist, which subscription each belongs to, who holds
 * a subscription's lock, and where each consumer starts reading the log that every published
 * event is appended to. Cleanups for vanished consumers run in {@link BusCleanups}; the idle
 * clock is kept by {@link IdleTracker}. Both share this hub's lock.
 *
 * <p>Lock order: the hub's lock may be held while calling into the log (admitting a consumer opens
 * its reader, which takes the log's append lock); the log never calls back into the hub, so the
 * order is never reversed. Publishing takes no hub lock at all: it is the hot path.
 */
final class Hub {
    private static final long SINGLE_CONSUMER_PATIENCE_MS = 3_000;

    /**
     * Guards subscriptions, every Subscription's fields, and the fields of {@link BusCleanups}
     * (the count of running cleanups) and {@link IdleTracker} (producers, idleSince).
     */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled (by {@link IdleTracker#settle}) whenever a lock is released or membership or activity changes. */
    private final Condition changed = lock.newCondition();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final BusCleanups busCleanups;
    private final IdleTracker idleness;

    /** Every admitted consumer; replaced whole under the lock, read without it by status queries. */
    private volatile ConsumerConnection[] consumers = new ConsumerConnection[0];

    private final DedupFilter dedup;
    private final RetentionLog events;
    private final Cursors cursors;
    final AtomicLong published = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    Hub(DedupFilter dedup, BusCleanup busCleanup, BusLog log, RetentionLog events, Cursors cursors) {
        this.dedup = dedup;
        this.events = events;
        this.cursors = cursors;
        this.busCleanups = new BusCleanups(lock, changed, busCleanup, log, this::busCleanupFinished);
        this.idleness = new IdleTracker(lock, changed, this::holdsNothing);
    }

    /** The outcome of a hello. */
    record Join(boolean first, String rejectReason, long startOffset, long missed) {
        static Join refused(String reason) {
            return new Join(false, reason, 0, 0);
        }

        boolean rejected() {
            return rejectReason != null;
        }
    }

    /** Admits a consumer to its subscription, waiting while another consumer runs preConsume or cleanup. */
    Join join(ConsumerConnection consumer) throws InterruptedException {
        Message.Hello hello = consumer.hello;
        lock.lock();
        try {
            Subscription subscription = subscriptions.computeIfAbsent(hello.subscriptionId(), Subscription::new);
            long patience = TimeUnit.MILLISECONDS.toNanos(SINGLE_CONSUMER_PATIENCE_MS);
            while (subscription.locked()) {
                if (hello.singleConsumer()) {
                    if (!subscription.members.isEmpty()) {
                        return Join.refused(singleConsumerReason(hello, subscription));
                    }
                    if (patience <= 0) {
                        return Join.refused("key \"" + hello.eventKey()
                                + "\" is single-consumer and its cleanup is still running; try again");
                    }
                    patience = changed.awaitNanos(patience);
                } else {
                    changed.await();
                }
                subscription = subscriptions.computeIfAbsent(hello.subscriptionId(), Subscription::new);
            }
            if (hello.singleConsumer() && !subscription.members.isEmpty()) {
                return Join.refused(singleConsumerReason(hello, subscription));
            }
            return admit(consumer, subscription);
        } finally {
            lock.unlock();
        }
    }

    private Join admit(ConsumerConnection consumer, Subscription subscription) {
        Message.Hello hello = consumer.hello;
        StartPosition start = StartPosition.of(hello, consumer, events, cursors);
        if (start.rejectReason() != null) {
            if (subscription.members.isEmpty() && !subscription.locked()) {
                subscriptions.remove(subscription.id);
            }
            return Join.refused(start.rejectReason());
        }
        consumer.readFrom(events, events.openReader(hello.eventTypes(), start.offset()));
        boolean first = subscription.members.isEmpty();
        subscription.members.add(consumer);
        subscription.eventKey = hello.eventKey();
        subscription.params = hello.params();
        subscription.as = hello.as();
        if (first) {
            subscription.lock(consumer, Subscription.Hold.SETUP);
        }
        addRoute(consumer);
        idleness.settle();
        return new Join(first, null, consumer.reader().position(), start.missed());
    }

    private static String singleConsumerReason(Message.Hello hello, Subscription subscription) {
        long pid = subscription.members.iterator().next().hello.pid();
        return "key \"" + hello.eventKey() + "\" is single-consumer and already consumed by pid " + pid;
    }

    /** The first consumer finished preConsume: later hellos for the subscription may proceed. */
    void setupDone(ConsumerConnection consumer) {
        lock.lock();
        try {
            Subscription subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription != null && subscription.holder == consumer && subscription.hold == Subscription.Hold.SETUP) {
                subscription.unlock();
                idleness.settle();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The consumer is leaving: it stops counting at once, so two leaving together cannot both
     * think the other stays. True when it was the last, in which case it holds the subscription's
     * lock for its cleanup until it disconnects.
     */
    boolean leave(ConsumerConnection consumer) {
        lock.lock();
        try {
            Subscription subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription == null || consumer.leaving || !subscription.members.remove(consumer)) {
                return false;
            }
            consumer.leaving = true;
            removeRoute(consumer);
            boolean last = subscription.members.isEmpty();
            if (last) {
                subscription.lock(consumer, Subscription.Hold.CLEANUP);
            } else if (subscription.holder == consumer) {
                subscription.unlock();
            }
            idleness.settle();
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** The connection closed. If it was the last of its subscription and did not finish a cleanup, the bus runs it. */
    void disconnect(ConsumerConnection consumer) {
        boolean runCleanup = false;
        Subscription subscription;
        if (consumer.reader() != null) {
            events.closeReader(consumer.reader());
        }
        if (consumer.hello.durable() != null) {
            cursors.detach(consumer, consumer.hello.durable());
        }
        lock.lock();
        try {
            subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription == null) {
                return;
            }
            boolean wasMember = subscription.members.remove(consumer);
            if (wasMember) {
                removeRoute(consumer);
            }
            if (subscription.holder == consumer) {
                boolean cleanedUp = subscription.hold == Subscription.Hold.CLEANUP && consumer.byeReceived;
                if (cleanedUp || !subscription.members.isEmpty()) {
                    subscription.unlock();
                } else {
                    runCleanup = true;
                }
            } else if (wasMember && subscription.members.isEmpty() && !subscription.locked()) {
                runCleanup = true;
            }
            if (runCleanup) {
                busCleanups.claim(subscription);
            } else if (subscription.members.isEmpty() && !subscription.locked()) {
                subscriptions.remove(subscription.id);
            }
            idleness.settle();
        } finally {
            lock.unlock();
        }
        if (runCleanup) {
            busCleanups.start(subscription);
        }
    }

    /** A bus-run cleanup ended and released the subscription; under the lock. */
    private void busCleanupFinished(Subscription subscription) {
        if (subscription.members.isEmpty() && !subscription.locked()) {
            subscriptions.remove(subscription.id, subscription);
        }
        idleness.settle();
    }

    void producerOpened() {
        idleness.producerOpened();
    }

    void producerClosed() {
        idleness.producerClosed();
    }

    /**
     * Dedups, then appends the event to the log, where every consumer's reader finds it; never
     * waits for a consumer. Returns its offset, or -1 when it was a duplicate. Readers are woken
     * by the caller, once per burst ({@link RetentionLog#wakeReaders()}).
     */
    long publish(String eventType, String eventId, String sourceTime, byte[] payload) {
        if (!dedup.firstSighting(eventId)) {
            duplicates.incrementAndGet();
            return -1;
        }
        published.incrementAndGet();
        return events.append(eventType, eventId, sourceTime, payload, 0, payload.length);
    }

    /** A consumer says it wrote out everything up to {@code offset}: its named cursor may move. */
    void commit(ConsumerConnection consumer, long offset) {
        if (consumer.hello.durable() != null) {
            cursors.commit(consumer, consumer.hello.durable(), offset);
        }
    }

    /** Blocks until nothing has been attached for {@code idle}; returns false if interrupted first. */
    boolean awaitIdle(Duration idle) {
        return idleness.await(idle);
    }

    List<Message.ConsumerStatus> consumers() {
        List<Message.ConsumerStatus> list = new ArrayList<>();
        for (ConsumerConnection consumer : consumers) {
            list.add(consumer.status());
        }
        return list;
    }

    /** Waits up to {@code patience} for bus-run cleanups to finish, so a stop does not cut one short. */
    void awaitBusCleanups(Duration patience) {
        busCleanups.await(patience);
    }

    /** Whether nothing but producers keeps the bus busy; under the lock. */
    private boolean holdsNothing() {
        return consumers.length == 0 && busCleanups.running() == 0 && subscriptions.isEmpty();
    }

    private void addRoute(ConsumerConnection consumer) {
        ConsumerConnection[] all = consumers;
        ConsumerConnection[] next = Arrays.copyOf(all, all.length + 1);
        next[all.length] = consumer;
        consumers = next;
    }

    private void removeRoute(ConsumerConnection consumer) {
        consumers = Arrays.stream(consumers).filter(c -> c != consumer).toArray(ConsumerConnection[]::new);
    }
}
