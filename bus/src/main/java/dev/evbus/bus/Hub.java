package dev.evbus.bus;

import dev.evbus.event.DedupFilter;
import dev.evbus.event.EventTypePattern;
import dev.evbus.protocol.EventFrame;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bus's routing core: which consumers exist, which subscription each belongs to, who holds a
 * subscription's lock, and the fan-out of each published event to the consumers whose event
 * types match it.
 */
final class Hub {
    private static final long SINGLE_CONSUMER_PATIENCE_MS = 3_000;
    private static final long BUS_CLEANUP_LIMIT_MS = 60_000;
    private static final int MAX_CACHED_ROUTES = 4096;

    /** Guards subscriptions, producers, busCleanups, idleSince and every Subscription's fields. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever a lock is released or membership or activity changes. */
    private final Condition changed = lock.newCondition();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private int producers;
    private int busCleanups;
    private long idleSince = System.nanoTime();
    private boolean idle = true;

    /** Read without the lock by publishers; replaced whole (under the lock) when membership changes. */
    private volatile Routing routing = new Routing(new ConsumerConnection[0]);

    private final DedupFilter dedup;
    private final BusCleanup busCleanup;
    private final BusLog log;
    final AtomicLong published = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    Hub(DedupFilter dedup, BusCleanup busCleanup, BusLog log) {
        this.dedup = dedup;
        this.busCleanup = busCleanup;
        this.log = log;
    }

    /** The consumers and a per-event-type cache of which of them an event of that type goes to. */
    private record Routing(ConsumerConnection[] all, Map<String, ConsumerConnection[]> byType) {
        Routing(ConsumerConnection[] all) {
            this(all, new ConcurrentHashMap<>());
        }

        ConsumerConnection[] route(String eventType) {
            ConsumerConnection[] cached = byType.get(eventType);
            if (cached != null) {
                return cached;
            }
            List<ConsumerConnection> matching = new ArrayList<>();
            for (ConsumerConnection consumer : all) {
                for (String pattern : consumer.hello.eventTypes()) {
                    if (EventTypePattern.matches(pattern, eventType)) {
                        matching.add(consumer);
                        break;
                    }
                }
            }
            ConsumerConnection[] result = matching.toArray(ConsumerConnection[]::new);
            if (byType.size() < MAX_CACHED_ROUTES) {
                byType.put(eventType, result);
            }
            return result;
        }
    }

    /** The outcome of a hello. */
    record Join(boolean first, String rejectReason) {
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
                        return new Join(false, singleConsumerReason(hello, subscription));
                    }
                    if (patience <= 0) {
                        return new Join(false, "key \"" + hello.eventKey()
                                + "\" is single-consumer and its cleanup is still running; try again");
                    }
                    patience = changed.awaitNanos(patience);
                } else {
                    changed.await();
                }
                subscription = subscriptions.computeIfAbsent(hello.subscriptionId(), Subscription::new);
            }
            if (hello.singleConsumer() && !subscription.members.isEmpty()) {
                return new Join(false, singleConsumerReason(hello, subscription));
            }
            return admit(consumer, subscription);
        } finally {
            lock.unlock();
        }
    }

    private Join admit(ConsumerConnection consumer, Subscription subscription) {
        Message.Hello hello = consumer.hello;
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
        return new Join(first, null);
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
     * Dedups, then queues the event for every consumer whose event types match; never blocks on a
     * consumer. Consumers whose writers need waking are added to {@code toWake}, for the caller to
     * wake once its burst is over. False when the event was a duplicate.
     */
    boolean publish(String eventType, String eventId, String sourceTime, byte[] payload,
                    List<ConsumerConnection> toWake) {
        if (!dedup.firstSighting(eventId)) {
            duplicates.incrementAndGet();
            return false;
        }
        published.incrementAndGet();
        ConsumerConnection[] targets = routing.route(eventType);
        if (targets.length == 0) {
            return true;
        }
        EventFrame frame = EventFrame.of(eventType, eventId, sourceTime, 0, payload);
        for (ConsumerConnection consumer : targets) {
            if (consumer.enqueue(frame)) {
                toWake.add(consumer);
            }
        }
        return true;
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
        for (ConsumerConnection consumer : routing.all) {
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
        return routing.all.length == 0 && producers == 0 && busCleanups == 0 && subscriptions.isEmpty();
    }

    private void addRoute(ConsumerConnection consumer) {
        ConsumerConnection[] all = routing.all;
        ConsumerConnection[] next = java.util.Arrays.copyOf(all, all.length + 1);
        next[all.length] = consumer;
        routing = new Routing(next);
    }

    private void removeRoute(ConsumerConnection consumer) {
        ConsumerConnection[] all = routing.all;
        ConsumerConnection[] next = java.util.Arrays.stream(all).filter(c -> c != consumer).toArray(ConsumerConnection[]::new);
        routing = new Routing(next);
    }
}
