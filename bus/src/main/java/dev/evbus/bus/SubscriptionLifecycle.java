package dev.evbus.bus;

import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.protocol.Refusals;
import dev.evbus.protocol.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The state machine of every subscription, and the bus's own stop, which must agree with it.
 *
 * <pre>
 *  FREE ─first hello─▶ SETUP ─setup_done─▶ ACTIVE ─last pre_shutdown_check─▶ CLEANUP ─bye, then disconnect─▶ FREE
 *                        │                   │                                  │
 *                        │ holder vanished    │ last member vanished             │ holder vanished without bye
 *                        └───────────────────┴──────────────▶ BUS_CLEANUP ◀────┘
 *                                                              │ the cleanup's thread ended
 *                                                              ▼
 *                                                             FREE
 * </pre>
 *
 * <ul>
 * <li><b>FREE</b>: no entry in the map. The first hello opens a <em>generation</em> (numbered
 *     bus-wide) and its consumer holds the lock while it runs preConsume (<b>SETUP</b>).</li>
 * <li><b>ACTIVE</b>: unlocked; hellos join at once.</li>
 * <li><b>CLEANUP</b>: the last member asked {@code pre_shutdown_check}; it holds the lock while it
 *     runs cleanup. Its {@code bye} then its disconnect end the generation.</li>
 * <li><b>BUS_CLEANUP</b>: the last member, or the lock's holder, vanished without finishing a
 *     cleanup; the bus runs it with that consumer's hello (params, {@code --as}, API credentials)
 *     and holds the lock until the cleanup's thread has really ended, even past its time limit.</li>
 * </ul>
 * So each generation gets exactly one finished cleanup, by its last consumer or by the bus, and
 * never overlaps another generation's preConsume.
 *
 * <p>Who moves it: connection threads (join, setupDone, leave, disconnect) and the cleanup
 * watcher (BUS_CLEANUP → FREE), always under {@link #lock}. Who waits, on {@link #changed}: a hello
 * while its subscription is locked (single-consumer keys at most 3 s); a hello to a bus that
 * decided to stop, until its connections are closed, after which its own is closed unanswered
 * (the consumer then starts the next bus); the stop, until every admitted consumer's disconnect
 * is processed and every cleanup ended; the idle wait.
 *
 * <p>Lock order: this lock may be held while calling {@link Admission} (which opens a log reader
 * and takes the log's append lock); the log never calls back, so the order is never reversed.
 */
final class SubscriptionLifecycle {
    private static final long SINGLE_CONSUMER_PATIENCE_MS = 3_000;

    /** Places an admitted consumer's reader and routes it; the hub's side of membership. */
    interface Admission {
        /** Under the lifecycle's lock: places the consumer's reader and routes it, or says why not. */
        Hub.Join admit(ConsumerConnection consumer, boolean first);

        /** Under the lifecycle's lock: the consumer no longer counts; stop routing to it. */
        void drop(ConsumerConnection consumer);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Subscription> subscriptions = new HashMap<>();
    private final Admission admission;
    private final BusCleanups cleanups;
    private final BusLog log;
    private final IdleTracker idleness;
    private final StopGate gate;
    /** Generations opened so far, bus-wide; guarded by the lock. */
    private long generations;

    SubscriptionLifecycle(Admission admission, BusCleanups cleanups, BusLog log, TimeSource clock) {
        this.admission = admission;
        this.cleanups = cleanups;
        this.log = log;
        this.gate = new StopGate(lock, changed, new StopGate.Members() {
            @Override
            public List<Long> pids() {
                List<Long> pids = new ArrayList<>();
                subscriptions.values().forEach(s -> s.members.forEach(c -> pids.add(c.hello.pid())));
                return pids;
            }

            @Override
            public boolean none() {
                return subscriptions.isEmpty();
            }

            @Override
            public List<String> held() {
                return subscriptions.values().stream()
                        .map(s -> JsonText.quote(s.id) + " (" + s.holdDescription() + ")").toList();
            }
        }, cleanups.limit());
        this.idleness = new IdleTracker(lock, changed, () -> gate.empty() && subscriptions.isEmpty(), clock);
    }

    IdleTracker idleness() {
        return idleness;
    }

    /** Admits a consumer, waiting while its subscription is locked; refuses once the bus decided to stop. */
    Hub.Join join(ConsumerConnection consumer) throws InterruptedException {
        Message.Hello hello = consumer.hello;
        lock.lock();
        gate.joinStarted();
        idleness.settle();
        try {
            long patience = TimeUnit.MILLISECONDS.toNanos(SINGLE_CONSUMER_PATIENCE_MS);
            boolean told = false;
            while (true) {
                if (!gate.admitting()) {
                    gate.awaitClosed();
                    consumer.close(); // unanswered: the consumer dials again and finds, or starts, the next bus
                    return Hub.Join.refused("the bus is stopping");
                }
                Subscription subscription = subscriptions.get(hello.subscriptionId());
                if (hello.singleConsumer() && subscription != null && !subscription.members.isEmpty()) {
                    long pid = subscription.members.iterator().next().hello.pid();
                    return Hub.Join.refused(Refusals.singleConsumerTaken(hello.eventKey(), pid));
                }
                if (subscription == null || !subscription.locked()) {
                    return admit(consumer, subscription);
                }
                if (!told) {
                    log.info("consumer pid " + hello.pid() + " waits for subscription " + JsonText.quote(subscription.id)
                            + ": " + subscription.holdDescription() + " in progress");
                    told = true;
                }
                if (!hello.singleConsumer()) {
                    changed.await();
                } else if (patience > 0) {
                    patience = changed.awaitNanos(patience);
                } else {
                    return Hub.Join.refused("key \"" + hello.eventKey()
                            + "\" is single-consumer and its cleanup is still running; try again");
                }
            }
        } finally {
            gate.joinEnded();
            idleness.settle();
            lock.unlock();
        }
    }

    private Hub.Join admit(ConsumerConnection consumer, Subscription subscription) {
        boolean first = subscription == null;
        Hub.Join join = admission.admit(consumer, first);
        if (join.rejected()) {
            return join;
        }
        if (first) {
            subscription = new Subscription(consumer.hello.subscriptionId(), ++generations, consumer);
            subscriptions.put(subscription.id, subscription);
        }
        subscription.members.add(consumer);
        gate.admitted();
        idleness.settle();
        return join;
    }

    /** The first consumer finished preConsume (or gave up on it): SETUP → ACTIVE. */
    void setupDone(ConsumerConnection consumer) {
        lock.lock();
        try {
            Subscription subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription != null && subscription.state == Subscription.State.SETUP && subscription.holder == consumer) {
                subscription.state = Subscription.State.ACTIVE;
                subscription.holder = null;
                idleness.settle();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The consumer asked {@code pre_shutdown_check}: it stops counting at once, so two leaving
     * together cannot both think the other stays. True when it was the last (→ CLEANUP, held by it
     * until it disconnects).
     */
    boolean leave(ConsumerConnection consumer) {
        lock.lock();
        try {
            Subscription subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription == null || !subscription.members.remove(consumer)) {
                return false;
            }
            consumer.leaving = true;
            admission.drop(consumer);
            boolean last = subscription.members.isEmpty();
            if (last) {
                subscription.state = Subscription.State.CLEANUP;
                subscription.holder = consumer;
            }
            idleness.settle();
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** The connection closed: ends the generation, or hands its cleanup to the bus if nobody finished it. */
    void disconnect(ConsumerConnection consumer) {
        Subscription busCleanup = null;
        lock.lock();
        try {
            gate.disconnected();
            Subscription subscription = subscriptions.get(consumer.hello.subscriptionId());
            if (subscription != null) {
                boolean wasMember = subscription.members.remove(consumer);
                if (wasMember) {
                    admission.drop(consumer);
                }
                boolean empty = subscription.members.isEmpty();
                if (subscription.holder == consumer) {
                    if (subscription.state == Subscription.State.CLEANUP && consumer.byeReceived) {
                        subscriptions.remove(subscription.id);
                        log.info("subscription " + JsonText.quote(subscription.id) + " generation " + subscription.generation
                                + " cleaned up by consumer pid " + consumer.hello.pid());
                    } else if (empty) {
                        busCleanup = subscription;
                    } else {
                        subscription.state = Subscription.State.ACTIVE;
                        subscription.holder = null;
                    }
                } else if (wasMember && empty && subscription.state == Subscription.State.ACTIVE) {
                    busCleanup = subscription;
                }
                if (busCleanup != null) {
                    busCleanup.state = Subscription.State.BUS_CLEANUP;
                    busCleanup.holder = null;
                    busCleanup.cleanupFor = consumer.hello;
                }
            }
            idleness.settle();
        } finally {
            lock.unlock();
        }
        if (busCleanup != null) {
            Subscription cleaned = busCleanup;
            cleanups.start(cleaned.generation, cleaned.cleanupFor, () -> busCleanupEnded(cleaned));
        }
    }

    /** BUS_CLEANUP → FREE, once the cleanup's thread has ended. */
    private void busCleanupEnded(Subscription subscription) {
        lock.lock();
        try {
            subscriptions.remove(subscription.id, subscription);
            idleness.settle();
        } finally {
            lock.unlock();
        }
    }

    /** The bus's stop as membership sees it: shutdown requests, the gate, draining. */
    StopGate stop() {
        return gate;
    }

    /** The state of a subscription, or null when FREE; for tests. */
    Subscription.State state(String subscriptionId) {
        lock.lock();
        try {
            Subscription subscription = subscriptions.get(subscriptionId);
            return subscription == null ? null : subscription.state;
        } finally {
            lock.unlock();
        }
    }
}
