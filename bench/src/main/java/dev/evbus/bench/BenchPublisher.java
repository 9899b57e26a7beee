package dev.evbus.bench;

import dev.evbus.busctl.Publisher;
import dev.evbus.protocol.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes bench events over the wire protocol from inside the bench process, so what is timed
 * is the bus and not a CLI's JVM start-up. By default each payload carries its publish moment in
 * nanoseconds since {@code origin}.
 */
final class BenchPublisher {
    static final String EVENT_TYPE = "bench.load";

    /** The payload of event {@code number} published at {@code stamp}; may return the same array each call. */
    interface Payloads {
        byte[] payload(long number, long stamp);
    }

    private final Path socket;
    private final long origin;
    private final String eventType;
    private final Payloads payloads;

    /** {@value #EVENT_TYPE} events with {@link BenchPayload}'s stamped 200-byte payloads. */
    BenchPublisher(Path socket, long origin) {
        this(socket, origin, EVENT_TYPE, new BenchPayload()::fill);
    }

    BenchPublisher(Path socket, long origin, String eventType, Payloads payloads) {
        this.socket = socket;
        this.origin = origin;
        this.eventType = eventType;
        this.payloads = payloads;
    }

    /** Events of {@code eventType} whose payloads are {@code texts} in turn, unstamped. */
    static BenchPublisher rotating(Path socket, String eventType, List<String> texts) {
        List<byte[]> bytes = texts.stream().map(text -> text.getBytes(StandardCharsets.UTF_8)).toList();
        return new BenchPublisher(socket, 0, eventType, (number, stamp) -> bytes.get((int) (number % bytes.size())));
    }

    /** Publishes {@code count} events as fast as one connection takes them. */
    PublishRun flatOut(long count) throws IOException {
        return paced(count, Double.POSITIVE_INFINITY);
    }

    /**
     * Publishes {@code count} events, event {@code i} due at {@code start + i / perSecond}. Events
     * that are due go out together and are flushed before the publisher sleeps, so a low rate sends
     * one event per write and a rate the publisher cannot keep turns into large batches.
     */
    PublishRun paced(long count, double perSecond) throws IOException {
        double intervalNanos = 1e9 / perSecond;
        try (Publisher publisher = Publisher.connect(socket)) {
            long start = System.nanoTime();
            long sent = 0;
            while (sent < count) {
                long due = Double.isInfinite(perSecond) ? count
                        : Math.min(count, (long) ((System.nanoTime() - start) / intervalNanos) + 1);
                for (; sent < due; sent++) {
                    byte[] bytes = payloads.payload(sent, System.nanoTime() - origin);
                    publisher.publish(eventType, null, null, bytes, 0, bytes.length);
                }
                publisher.flush();
                if (sent < count) {
                    long wait = start + (long) (sent * intervalNanos) - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
            }
            Message.PublishAck ack = publisher.finish();
            return new PublishRun(count, start, System.nanoTime(), ack.accepted());
        }
    }
}
