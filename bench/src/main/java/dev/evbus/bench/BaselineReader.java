package dev.evbus.bench;

import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The baseline's reading side: pulls from the durable consumer until every message came or none
 * did for {@link #QUIET}, acking each, and notes each message's publish stamp and latency. Its
 * fields are written by the thread that runs it only and read after that thread was joined.
 */
final class BaselineReader implements Runnable {
    private static final Duration FETCH_WAIT = Duration.ofSeconds(1);
    /** A run ends when everything arrived or nothing did for this long. */
    private static final Duration QUIET = Duration.ofSeconds(5);

    private final JetStreamSubscription subscription;
    private final boolean eachAsItArrives;
    private final long origin;
    private final long[] stamps;
    private final long[] latencies;
    private int count;
    private long lastReadNanos = System.nanoTime();

    /** {@code eachAsItArrives}: {@code iterate} rather than {@code fetch}, whose batch returns only when full or late. */
    BaselineReader(JetStreamSubscription subscription, boolean eachAsItArrives, int expected, long origin) {
        this.subscription = subscription;
        this.eachAsItArrives = eachAsItArrives;
        this.origin = origin;
        this.stamps = new long[expected];
        this.latencies = new long[expected];
    }

    @Override
    public void run() {
        while (count < stamps.length && System.nanoTime() - lastReadNanos < QUIET.toNanos()) {
            if (eachAsItArrives) {
                Iterator<Message> batch = subscription.iterate(NatsBaselineBench.BATCH, FETCH_WAIT);
                while (batch.hasNext()) {
                    Message message = batch.next();
                    take(message, System.nanoTime());
                }
            } else {
                List<Message> batch = subscription.fetch(NatsBaselineBench.BATCH, FETCH_WAIT);
                long now = System.nanoTime();
                for (Message message : batch) {
                    take(message, now);
                }
            }
        }
        subscription.unsubscribe();
    }

    private void take(Message message, long now) {
        if (count < stamps.length) {
            stamps[count] = stampOf(message.getData());
            latencies[count] = now - origin - stamps[count];
            count++;
        }
        message.ack();
        lastReadNanos = now;
    }

    int count() {
        return count;
    }

    long lastReadNanos() {
        return lastReadNanos;
    }

    /** Publish stamps (ns since the origin) of the messages read, in arrival order. */
    long[] stamps() {
        return Arrays.copyOf(stamps, count);
    }

    long[] latencies() {
        return Arrays.copyOf(latencies, count);
    }

    /** The {@code "t"} field of a {@link BenchPayload}: digits after {@code "t":"}. */
    static long stampOf(byte[] payload) {
        for (int i = 0; i + 5 < payload.length; i++) {
            if (payload[i] == '"' && payload[i + 1] == 't' && payload[i + 2] == '"' && payload[i + 3] == ':'
                    && payload[i + 4] == '"') {
                long value = 0;
                for (int j = i + 5; j < payload.length && payload[j] >= '0' && payload[j] <= '9'; j++) {
                    value = value * 10 + payload[j] - '0';
                }
                return value;
            }
        }
        throw new IllegalArgumentException("no \"t\" stamp in a baseline message");
    }
}
