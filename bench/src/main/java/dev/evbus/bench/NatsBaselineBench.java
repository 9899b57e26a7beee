package dev.evbus.bench;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The nats-server's own JetStream figure on this machine, measured with jnats the way the bridge
 * uses it (the {@code nats bench} equivalent): one connection publishes asynchronously into a
 * file-stored stream with up to {@value #WINDOW} acks outstanding (the bridge's default
 * {@code max_in_flight}), each message as large as a bridged bench event (its 200-byte payload, an
 * {@code Evbus-Origin} and an {@code Evbus-Type} header, a message id); another connection reads a
 * durable pull consumer in fetches of {@value #BATCH} with a 1 s wait and acks every message (the
 * bridge's importer). Each payload carries its publish moment, read back on arrival.
 */
final class NatsBaselineBench implements AutoCloseable {
    static final String STREAM = "BENCH_BASELINE";
    /** As long as the bridge's {@code evbus.default.bench.load}. */
    private static final String SUBJECT = "evbus.baseln.bench.load";
    private static final String DURABLE = "bench-reader";
    static final int WINDOW = 1024;
    static final int BATCH = 256;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final Connection producer;
    private final JetStream jetStream;
    private final Connection reader;
    /** Runs so far, so message ids never repeat; bench thread only. */
    private int runs;

    private NatsBaselineBench(Connection producer, Connection reader) throws IOException {
        this.producer = producer;
        this.jetStream = producer.jetStream();
        this.reader = reader;
    }

    /** Opens the publishing and the reading connection. */
    static NatsBaselineBench connect(String url) throws IOException, InterruptedException {
        Connection producer = Nats.connect(Options.builder().server(url).connectionName("bench-producer").build());
        Connection reader = null;
        try {
            reader = Nats.connect(Options.builder().server(url).connectionName("bench-reader").build());
            return new NatsBaselineBench(producer, reader);
        } catch (IOException | InterruptedException | RuntimeException failed) {
            producer.close();
            if (reader != null) {
                reader.close();
            }
            throw failed;
        }
    }

    /** How the durable consumer is read. */
    enum Reading {
        /** {@code fetch(256, 1 s)}: a batch returns when full or after the wait, as the bridge's importer reads. */
        BATCHES,
        /** {@code iterate(256, 1 s)}: each message handed over as it arrives, the server's own latency. */
        EACH
    }

    /**
     * What one run saw: messages published, acked by JetStream and read; when publishing began and
     * the last message arrived (nanoTime); each read message's publish stamp and latency (ns).
     */
    record Run(long published, long acked, long read, long startNanos, long lastReadNanos, long[] stamps,
               long[] latencies) {

        /** Messages read per second from the first publish to the last read. */
        double endToEndPerSecond() {
            return read * 1e9 / Math.max(1, lastReadNanos - startNanos);
        }

        /** Latencies of the messages published at least {@code warmUp} after the start. */
        Sample latenciesAfter(Duration warmUp, long origin) {
            long from = startNanos - origin + warmUp.toNanos();
            long[] kept = new long[latencies.length];
            int count = 0;
            for (int i = 0; i < latencies.length; i++) {
                if (stamps[i] >= from) {
                    kept[count++] = latencies[i];
                }
            }
            return Sample.of(Arrays.copyOf(kept, count));
        }
    }

    /**
     * Publishes {@code messages} into a fresh stream, message {@code i} due at
     * {@code start + i / perSecond} (infinite: as fast as the window allows), while the durable
     * consumer reads them as {@code reading} says; stamps are nanoseconds since {@code origin}.
     */
    Run run(long messages, double perSecond, Reading reading, long origin) throws IOException, InterruptedException {
        fresh();
        JetStreamSubscription subscription;
        try {
            subscription = reader.jetStream().subscribe(null, PullSubscribeOptions.bind(STREAM, DURABLE));
        } catch (JetStreamApiException refused) {
            throw new IOException("cannot bind the baseline's durable consumer: " + refused.getMessage(), refused);
        }
        BaselineReader read = new BaselineReader(subscription, reading == Reading.EACH, Math.toIntExact(messages), origin);
        Thread readThread = Thread.ofPlatform().name("nats-baseline-reader").start(read);
        long start = System.nanoTime();
        long acked;
        try {
            acked = publish(messages, perSecond, origin, start);
        } finally {
            readThread.join();
        }
        return new Run(messages, acked, read.count(), start, read.lastReadNanos(), read.stamps(), read.latencies());
    }

    /** The stream and its durable consumer, created anew so every run starts empty. */
    private void fresh() throws IOException {
        JetStreamManagement jsm = producer.jetStreamManagement();
        try {
            jsm.deleteStream(STREAM);
        } catch (JetStreamApiException absent) {
            // the first run: there is nothing to delete
        }
        try {
            jsm.addStream(StreamConfiguration.builder().name(STREAM).subjects(SUBJECT).storageType(StorageType.File)
                    .duplicateWindow(Duration.ofMinutes(2)).build());
            jsm.addOrUpdateConsumer(STREAM, ConsumerConfiguration.builder().durable(DURABLE).ackPolicy(AckPolicy.Explicit)
                    .deliverPolicy(DeliverPolicy.All).filterSubject(SUBJECT).build());
        } catch (JetStreamApiException refused) {
            throw new IOException("JetStream refused the baseline stream: " + refused.getMessage(), refused);
        }
    }

    /** Publishes with at most {@link #WINDOW} acks outstanding; the acks JetStream gave. */
    private long publish(long messages, double perSecond, long origin, long start) throws InterruptedException {
        int run = ++runs;
        BenchPayload payload = new BenchPayload();
        Headers headers = new Headers().put("Evbus-Origin", "host-a").put("Evbus-Type", BenchPublisher.EVENT_TYPE);
        ArrayDeque<CompletableFuture<PublishAck>> window = new ArrayDeque<>();
        double intervalNanos = 1e9 / perSecond;
        long acked = 0;
        for (long i = 0; i < messages; i++) {
            if (!Double.isInfinite(perSecond)) {
                long wait;
                while ((wait = start + (long) (i * intervalNanos) - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            if (window.size() >= WINDOW) {
                acked += awaitAck(window.poll());
            }
            // jnats keeps the array until it is written out, so each message gets its own copy
            byte[] body = payload.fill(i, System.nanoTime() - origin).clone();
            PublishOptions options = PublishOptions.builder().messageId("base-" + run + "-" + i).expectedStream(STREAM).build();
            window.add(jetStream.publishAsync(SUBJECT, headers, body, options));
        }
        while (!window.isEmpty()) {
            acked += awaitAck(window.poll());
        }
        return acked;
    }

    private static int awaitAck(CompletableFuture<PublishAck> ack) throws InterruptedException {
        try {
            ack.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return 1;
        } catch (ExecutionException | TimeoutException lost) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            producer.jetStreamManagement().deleteStream(STREAM);
        } catch (IOException | JetStreamApiException | RuntimeException gone) {
            // the server is going away with the section anyway
        }
        producer.close();
        reader.close();
    }
}
