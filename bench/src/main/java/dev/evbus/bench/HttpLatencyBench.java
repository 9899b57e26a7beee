package dev.evbus.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * HTTP ingestion → consumer latency: the JDK's HttpClient POSTs single events to a real
 * {@code evbus serve} at a steady rate, each carrying in {@code data.t} the bench's
 * {@code System.nanoTime()} taken just before its request is handed to the client; a real
 * {@code evbus consume raw} prints them and the bench notes the same clock when each line reaches
 * it ({@link LatencyRecorder}). The figure is therefore request → bus → consumer JVM → its stdout
 * pipe, with no clocks to agree.
 */
final class HttpLatencyBench {
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DELIVERY_QUIET = Duration.ofSeconds(2);
    private static final Duration ANSWERS_TIMEOUT = Duration.ofSeconds(30);
    private static final long SEED_LATENCY_NANOS = 1_000_000;

    private HttpLatencyBench() {
    }

    static void run(Path launcher, int perSecond, Duration length, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        String at = "http: POST /events → `consume raw` output at " + Report.count(perSecond) + " events/s";
        HttpBus bus = scope.register(HttpBus.start(launcher));
        long events = perSecond * (WARM_UP.toSeconds() + length.toSeconds());
        long origin = System.nanoTime();
        LatencyRecorder recorder = new LatencyRecorder(origin, Math.toIntExact(events + 1024));
        ConsumerProcess consumer = scope.register(ConsumerProcess.launch(bus.home(), recorder, "-p",
                ConsumerProcess.EVENT_PATTERN));
        consumer.awaitReady(ATTACH_TIMEOUT);
        bus.home().awaitConsumers(1, ATTACH_TIMEOUT);
        Paced sent = post(bus, events, perSecond, origin);
        long delivered = awaitLines(consumer, events);
        Sample latencies = Sample.of(recorder.latenciesStampedFrom(sent.firstStamp() + WARM_UP.toNanos()));
        report.measured(at + ": events measured (after " + WARM_UP.toSeconds() + " s warm-up) / delivered / failed requests",
                Report.count(latencies.size()) + " / " + Report.count(delivered) + " of " + Report.count(events) + " / "
                        + Report.count(sent.failed()) + " (achieved " + Report.rate(sent.eventsPerSecond()) + ")");
        report.measured(at + ": p50", Report.micros(latencies.median()));
        report.checked(at + ": p99", Report.micros(latencies.percentile(0.99)), "< 1 ms (seed)",
                latencies.percentile(0.99) < SEED_LATENCY_NANOS);
        report.measured(at + ": p99.9 / max", Report.micros(latencies.percentile(0.999)) + " / "
                + Report.micros(latencies.max()));
        report.note("http latency is the moment the bench hands a request to the JDK's HttpClient → the consumer's"
                + " line read from its stdout pipe, on the bench's own clock: it includes the client, the HTTP source,"
                + " the bus, the consumer JVM and its pipe");
        scope.release(consumer);
        scope.release(bus);
    }

    /** How a paced run went: the first event's stamp (ns since origin), the achieved rate, failed requests. */
    private record Paced(long firstStamp, double eventsPerSecond, long failed) {
    }

    /**
     * Sends {@code events} requests, the i-th due at start + i / rate, asynchronously so a slow
     * answer does not delay the next send; waits for every answer. A request is stamped when sent,
     * not when due, so a late send does not count as latency.
     */
    private static Paced post(HttpBus bus, long events, int perSecond, long origin) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        CompletableFuture<?>[] answers = new CompletableFuture<?>[Math.toIntExact(events)];
        long tag = System.currentTimeMillis();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long due = start + i * 1_000_000_000L / perSecond;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                long stamp = System.nanoTime() - origin;
                String body = String.format(Locale.ROOT, "{\"id\":\"lat-%d-%d\",\"type\":\"bench.http\",\"source\":\"bench\","
                        + "\"timestamp\":%d,\"data\":{\"t\":\"%d\"}}", tag, i, System.currentTimeMillis(), stamp);
                HttpRequest request = HttpRequest.newBuilder(bus.uri("events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                answers[i] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
                    if (error != null || answer.statusCode() != 200) {
                        failed.incrementAndGet();
                    }
                });
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try {
                CompletableFuture.allOf(answers).get(ANSWERS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notAll) {
                // counted: each request that failed or never answered shows in `failed` or in the delivered count
            }
            return new Paced(start - origin, events / seconds, failed.get());
        }
    }

    /** Waits until the consumer printed {@code events} lines or printed nothing new for a while; its lines. */
    private static long awaitLines(ConsumerProcess consumer, long events) {
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long lines = consumer.lines();
            if (lines >= events) {
                return lines;
            }
            if (lines != last) {
                last = lines;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > DELIVERY_QUIET.toNanos()) {
                return lines;
            }
            BusHome.sleep(Duration.ofMillis(20));
        }
    }
}
