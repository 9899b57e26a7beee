package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.nats.client.impl.Headers;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The outgoing side, one thread: reads local events from the log after the bridge's cursor,
 * publishes them asynchronously with up to {@code max_in_flight} acks awaited, and moves the cursor
 * over each prefix JetStream acknowledged. On a failed or late ack or a lost link it drops what is
 * in flight and reads again from the cursor: JetStream drops the repeats by {@code Nats-Msg-Id}.
 */
final class Exporter implements Runnable {
    private static final int MAX_KNOWN_TYPES = 4096;

    /** The subject an event type is published on, or why it cannot be one ({@code problem} non-null). */
    private record Subject(String name, String problem) {
    }

    /** An ack later than this counts as lost (the client's own request time-out is shorter). */
    static final long PUBLISH_TIMEOUT_MS = 10_000;
    static final long COMMIT_EVERY_MS = 50;
    static final int COMMIT_EVERY_EVENTS = 256;
    /** Event types warned about as unexportable, at most this many remembered. */
    private static final int MAX_WARNED_TYPES = 1000;

    /** One event sent (or skipped: {@code ack} null) and not yet passed by the cursor. */
    private record Pending(long offset, CompletableFuture<PublishAck> ack, long sentAt) {
    }

    private final NatsBridgeConfig config;
    private final LocalLog log;
    private final Link link;
    private final BridgeHealth health;
    private final TimeSource clock;
    /** The id prefix of events that came without one: {@code <node>-<bus start ms>-}. */
    private final String idPrefix;
    /** Exporter thread only. */
    private final ArrayDeque<Pending> inFlight = new ArrayDeque<>();
    private final Set<String> warnedTypes = new HashSet<>();
    /** Exporter thread only. */
    private final Map<String, Subject> subjects = new HashMap<>();
    private LocalLog.Reader reader;
    private long committed = -1;
    private long lastCommitAt;
    /** Every local event through this offset is in JetStream; read by {@code status}. */
    private volatile long doneThrough;
    /** Missed events of readers already closed, plus the open reader's; read by {@code status}. */
    private volatile long missedBefore;
    private volatile LocalLog.Reader openReader;
    private volatile boolean stopping;

    Exporter(NatsBridgeConfig config, BridgeContext context, Link link, BridgeHealth health, long busStartMillis) {
        this.config = config;
        this.log = context.log();
        this.link = link;
        this.health = health;
        this.clock = context.clock();
        this.idPrefix = config.node() + "-" + busStartMillis + "-";
        this.doneThrough = log.committed();
        this.committed = doneThrough;
    }

    long backlog() {
        return Math.max(0, log.endOffset() - doneThrough - 1);
    }

    long missed() {
        LocalLog.Reader current = openReader;
        return missedBefore + (current == null ? 0 : current.missed());
    }

    /** Asks the thread to drain what is in flight (for a short while), commit and end. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                if (reader == null) {
                    reader = log.open(config.outgoing());
                    openReader = reader;
                }
                Link.Session session = link.awaitReady(0);
                if (session == null) {
                    reset();
                    link.awaitReady(200);
                    continue;
                }
                boolean idle = fill(session);
                if (!drain(idle || inFlight.size() >= config.maxInFlight() ? 20 : 0) || !link.current(session)) {
                    reset();
                }
                commit(false);
            }
            finish();
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } finally {
            closeReader();
        }
    }

    /** Sends while the window has room; true when the log had nothing more. */
    private boolean fill(Link.Session session) throws InterruptedException {
        while (inFlight.size() < config.maxInFlight()) {
            long end = log.endOffset();
            LocalEvent event = reader.next(inFlight.isEmpty() ? 200 : 0, TimeUnit.MILLISECONDS);
            if (event == null) {
                if (inFlight.isEmpty() && end - 1 > doneThrough) {
                    // Everything before `end` was read and acknowledged; the rest were remote or unsubscribed events.
                    doneThrough = end - 1;
                }
                return true;
            }
            inFlight.add(send(session, event));
        }
        return false;
    }

    /** An event type's subject, or why the type cannot be one; worked out once per type, not per event. */
    private Subject subjectOf(String type) {
        Subject known = subjects.get(type);
        if (known == null) {
            if (subjects.size() >= MAX_KNOWN_TYPES) {
                subjects.clear(); // bounded by bytes of types an app may invent; recomputing is cheap
            }
            known = new Subject(config.subjectPrefix() + "." + type, Subjects.problem(type));
            subjects.put(type, known);
        }
        return known;
    }

    private Pending send(Link.Session session, LocalEvent event) {
        Subject subject = subjectOf(event.eventType());
        String problem = subject.problem();
        if (problem != null) {
            health.errors.incrementAndGet();
            if (warnedTypes.size() < MAX_WARNED_TYPES && warnedTypes.add(event.eventType())) {
                health.fault("event type " + Quote.of(event.eventType()) + " " + problem
                        + ", so it is no NATS subject: its events are not exported");
            }
            return new Pending(event.offset(), null, 0);
        }
        Headers headers = new Headers().put("Evbus-Origin", config.node()).put("Evbus-Type", event.eventType());
        if (event.sourceTime() != null) {
            headers.put("Evbus-Source-Time", event.sourceTime());
        }
        String id = event.eventId() != null ? event.eventId() : idPrefix + event.offset();
        PublishOptions options = PublishOptions.builder().messageId(id).expectedStream(config.stream()).build();
        CompletableFuture<PublishAck> ack;
        try {
            ack = session.jetStream().publishAsync(subject.name(), headers, event.payload(), options);
        } catch (RuntimeException refused) {
            ack = CompletableFuture.failedFuture(refused);
        }
        return new Pending(event.offset(), ack, clock.millis());
    }

    /** Passes the acknowledged head of the window; false on a failed or late ack (then all is sent again). */
    private boolean drain(long waitMillis) throws InterruptedException {
        while (!inFlight.isEmpty()) {
            Pending head = inFlight.peekFirst();
            if (head.ack() != null) {
                try {
                    PublishAck ack = head.ack().get(waitMillis, TimeUnit.MILLISECONDS);
                    if (!ack.isDuplicate()) {
                        health.sent.incrementAndGet();
                    }
                } catch (TimeoutException notYet) {
                    if (clock.millis() - head.sentAt() < PUBLISH_TIMEOUT_MS) {
                        return true;
                    }
                    health.fault("nats: no ack from JetStream for " + PUBLISH_TIMEOUT_MS + " ms; sending again from the cursor");
                    return false;
                } catch (ExecutionException failed) {
                    if (!stopping) {
                        health.fault("nats: publish failed: " + BridgeHealth.describe(failed) + "; sending again from the cursor");
                    }
                    return false;
                }
            }
            inFlight.removeFirst();
            doneThrough = head.offset();
            waitMillis = 0;
        }
        return true;
    }

    private void commit(boolean now) {
        long done = doneThrough;
        if (done <= committed) {
            return;
        }
        long at = clock.millis();
        if (now || done - committed >= COMMIT_EVERY_EVENTS || at - lastCommitAt >= COMMIT_EVERY_MS) {
            log.commit(done);
            committed = done;
            lastCommitAt = at;
        }
    }

    /** Forgets what is in flight and reads again from the cursor once the link is back. */
    private void reset() {
        if (inFlight.isEmpty()) {
            return; // nothing was read past the cursor: the reader goes on where it is
        }
        commit(true);
        inFlight.clear();
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            missedBefore += reader.missed();
            openReader = null;
            reader.close();
            reader = null;
        }
    }

    /** Waits up to ~2 s for acks in flight, then saves the cursor. */
    private void finish() throws InterruptedException {
        long deadline = clock.millis() + 2_000;
        boolean acked = true;
        while (acked && !inFlight.isEmpty() && clock.millis() < deadline) {
            acked = drain(50);
        }
        commit(true);
    }
}
