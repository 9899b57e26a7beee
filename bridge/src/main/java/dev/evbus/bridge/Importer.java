package dev.evbus.bridge;

import dev.evbus.event.TimeSource;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.evbus.event.EventTypePattern;
import dev.evbus.protocol.EventRules;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;

/**
 * The incoming side, one thread: fetches batches from this host's durable consumer and puts each
 * remote event into the bus, acking it after. A message is acked only once the bus took it (or
 * was found unusable), so a crash in between brings it again, and the bus drops it by event id.
 */
final class Importer implements Runnable {
    static final int BATCH = 256;
    static final Duration FETCH_WAIT = Duration.ofSeconds(1);
    /** One warning per burst of malformed messages: the next comes only after this much quiet. */
    static final long WARN_EVERY_MS = 10_000;

    private final NatsBridgeConfig config;
    private final RemoteIngest ingest;
    private final Link link;
    private final BridgeHealth health;
    private final TimeSource clock;
    private final JsonFactory json = new JsonFactory();
    /** Importer thread only. */
    private JetStreamSubscription subscription;
    private long subscribedGeneration = -1;
    private long lagReadAt;
    private long lastWarnAt = Long.MIN_VALUE;
    private volatile boolean stopping;

    Importer(NatsBridgeConfig config, BridgeContext context, Link link, BridgeHealth health) {
        this.config = config;
        this.ingest = context.ingest();
        this.link = link;
        this.health = health;
        this.clock = context.clock();
    }

    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        try {
            while (!stopping) {
                Link.Session session = link.awaitReady(500);
                if (session == null) {
                    continue;
                }
                if (subscribedGeneration != session.generation() && !subscribe(session)) {
                    link.awaitReady(500);
                    continue;
                }
                try {
                    takeBatch();
                } catch (RuntimeException lost) {
                    if (link.current(session) && !stopping) {
                        health.fault("nats: fetch failed: " + BridgeHealth.describe(lost));
                    }
                    subscribedGeneration = -1;
                    continue;
                }
                readLag();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Pulls up to a batch, taking each message as it arrives: a fetch would hold them all until the
     * batch is full or the wait ends (tens of milliseconds at a few thousand events a second).
     * Consumers are woken once the messages already received are in, not once per message.
     */
    private void takeBatch() {
        boolean accepted = false;
        for (Iterator<Message> pulled = subscription.iterate(BATCH, FETCH_WAIT); pulled.hasNext() && !stopping; ) {
            accepted |= take(pulled.next());
            if (accepted && subscription.getPendingMessageCount() == 0) {
                ingest.wake();
                accepted = false;
            }
        }
        if (accepted) {
            ingest.wake();
        }
    }

    private boolean subscribe(Link.Session session) {
        try {
            if (subscription != null && subscription.isActive()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException gone) {
            // The old subscription died with its connection: nothing to release.
        }
        try {
            subscription = session.jetStream().subscribe(null, PullSubscribeOptions.bind(config.stream(), config.node()));
            subscribedGeneration = session.generation();
            return true;
        } catch (IOException | io.nats.client.JetStreamApiException | RuntimeException refused) {
            health.fault("nats: cannot bind the durable consumer " + Quote.of(config.node()) + ": " + BridgeHealth.describe(refused));
            return false;
        }
    }

    /**
     * Puts one message into the bus when it is another host's or an outside client's event of an
     * imported type; acks it in every case (this bus's own exports come back too, and are skipped).
     * True when accepted.
     */
    private boolean take(Message message) {
        Arrival arrival = Arrival.of(message, config.subjectPrefix(), config.node());
        try {
            Arrival.Event event = switch (arrival) {
                case Arrival.Event taken -> taken;
                case Arrival.Echo own -> null;
                case Arrival.Unusable skipped -> {
                    malformed(message, skipped);
                    yield null;
                }
            };
            if (event == null || !imported(event.type())) {
                return false;
            }
            byte[] payload = message.getData();
            // The bus judges the size too; asked first here, a huge payload is never parsed
            String tooLarge = payload == null ? null : EventRules.payloadProblem(payload.length);
            if (payload == null || tooLarge != null || !oneJsonValue(payload)) {
                malformed(message, new Arrival.Unusable(event.origin(),
                        tooLarge != null ? "payload " + tooLarge : "payload is not one JSON value"));
                return false;
            }
            RemoteIngest.Outcome outcome = ingest.publish(event.type(), event.id(), event.sourceTime(), payload);
            if (outcome == RemoteIngest.Outcome.DUPLICATE) {
                health.duplicates.incrementAndGet();
                return false;
            }
            health.received.incrementAndGet();
            return true;
        } catch (IllegalArgumentException refused) {
            malformed(message, new Arrival.Unusable(arrival.origin(), "the bus refused it: " + refused.getMessage()));
            return false;
        } finally {
            message.ack();
        }
    }

    private boolean imported(String type) {
        for (String pattern : config.incoming()) {
            if (EventTypePattern.matches(pattern, type)) {
                return true;
            }
        }
        return false;
    }

    private boolean oneJsonValue(byte[] payload) {
        try (JsonParser parser = json.createParser(payload)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private void malformed(Message message, Arrival.Unusable skipped) {
        health.errors.incrementAndGet();
        String line = "nats: skipped message on " + Quote.of(message.getSubject()) + " from " + Quote.of(skipped.origin()) + ": "
                + Quote.of(skipped.why());
        long now = clock.millis();
        if (lastWarnAt == Long.MIN_VALUE || now - lastWarnAt >= WARN_EVERY_MS) {
            health.fault(line + " (more like it within " + WARN_EVERY_MS / 1000 + " s are only counted)");
        } else {
            health.remember(line);
        }
        lastWarnAt = now;
    }

    /** The consumer's pending count, asked at most once a second. */
    private void readLag() {
        long now = clock.millis();
        if (now - lagReadAt < 1_000) {
            return;
        }
        lagReadAt = now;
        try {
            health.lag.set(subscription.getConsumerInfo().getNumPending());
        } catch (IOException | io.nats.client.JetStreamApiException | RuntimeException unknown) {
            // The lag keeps its last known value: the report says "as last known".
        }
    }
}
