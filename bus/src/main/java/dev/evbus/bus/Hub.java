package dev.evbus.bus;

import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.DedupFilter;
import dev.evbus.protocol.JsonText;
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
 * event is appended to.
 */
final class Hub {
    private static final long SINGLE_CONSUMER_PATIENCE_MS = 3_000;
    private static final long BUS_CLEANUP_LIMIT_MS = 60_000;

    /** Guards subscriptions, producers, busCleanups, idleSince and every Subscription's fields. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a lock is released or membership or activity changes. */
    private final Condition changed = lock.newCondition();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private int producers;
    private int busCleanups;
    private long idleSince = System.nanoTime();
    private boolean idle = true;

    /** Every admitted consumer; replaced whole under the lock, read without it by status queries. */
    private volatile ConsumerConnection[] consumers = new ConsumerConnection[0];

    private final DedupFilter dedup;
    private final BusCleanup busCleanup;
    private final BusLog log;
    private final RetentionLog events;
    private final Cursors cursors;
    final AtomicLong published = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    Hub(DedupFilter dedup, BusCleanup busCleanup, BusLog log, RetentionLog events, Cursors cursors) {
        this.dedup = dedup;
        this.busCleanup = busCleanup;
        this.log = log;
        this.events = events;
        this.cursors = cursors;
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
        settle();
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
                settle();
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
            settle();
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
                subscription.lock(this, Subscription.Hold.BUS_CLEANUP);
                busCleanups++;
            } else if (subscription.members.isEmpty() && !subscription.locked()) {
                subscriptions.remove(subscription.id);
            }
            settle();
        } finally {
            lock.unlock();
        }
        if (runCleanup) {
            startBusCleanup(subscription);
        }
    }

    private void startBusCleanup(Subscription subscription) {
        String key;
        Map<String, String> params;
        String as;
        lock.lock();
        try {
            key = subscription.eventKey;
            params = subscription.params;
            as = subscription.as;
        } finally {
            lock.unlock();
        }
        log.info("last consumer of subscription " + JsonText.quote(subscription.id)
                + " left without cleanup; running cleanup of key " + JsonText.quote(key));
        Thread worker = Thread.ofVirtual().name("evbus-cleanup").start(() -> busCleanup.run(key, subscription.id, params, as));
        Thread.ofVirtual().name("evbus-cleanup-wait").start(() -> {
            try {
                if (!worker.join(Duration.ofMillis(BUS_CLEANUP_LIMIT_MS))) {
                    log.warn("cleanup of subscription " + JsonText.quote(subscription.id) + " still running after "
                            + BUS_CLEANUP_LIMIT_MS / 1000 + " s; releasing its lock");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lock.lock();
            try {
                if (subscription.holder == this) {
                    subscription.unlock();
                }
                busCleanups--;
                if (subscription.members.isEmpty() && !subscription.locked()) {
                    subscriptions.remove(subscription.id, subscription);
                }
                settle();
            } finally {
                lock.unlock();
            }
        });
    }

    void producerOpened() {
        lock.lock();
        try {
            producers++;
            settle();
        } finally {
            lock.unlock();
        }
    }

    void producerClosed() {
        lock.lock();
        try {
            producers--;
            settle();
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            while (true) {
                if (isIdle()) {
                    long remaining = idle.toNanos() - (System.nanoTime() - idleSince);
                    if (remaining <= 0) {
                        return true;
                    }
                    changed.awaitNanos(remaining);
                } else {
                    changed.await();
                }
            }
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
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
        lock.lock();
        try {
            long remaining = patience.toNanos();
            while (busCleanups > 0 && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Records when the bus became idle and wakes every waiter; call after each change, under the lock. */
    private void settle() {
        boolean nowIdle = isIdle();
        if (nowIdle && !idle) {
            idleSince = System.nanoTime();
        }
        idle = nowIdle;
        changed.signalAll();
    }

    private boolean isIdle() {
        return consumers.length == 0 && producers == 0 && busCleanups == 0 && subscriptions.isEmpty();
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
