package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
    /** Senders, hence connections: enough that one slow answer leaves the others on schedule. */
    private static final int SENDERS = 8;
    /** Lets every sender thread start before the first event is due. */
    private static final Duration START_DELAY = Duration.ofMillis(100);
    private static final long SEED_LATENCY_NANOS = 1_000_000;

    private HttpLatencyBench() {
    }

    static void run(Path root, int perSecond, Duration length, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        String at = "http: POST /events → `consume raw` output at " + Report.count(perSecond) + " events/s";
        HttpBus bus = scope.register(HttpBus.start(root));
        long events = perSecond * (WARM_UP.toSeconds() + length.toSeconds());
        long origin = System.nanoTime();
        LatencyRecorder recorder = new LatencyRecorder(origin, Math.toIntExact(events + 1024));
        ConsumerProcess consumer = scope.register(ConsumerProcess.launch(bus.home(), recorder, "-p",
                ConsumerProcess.EVENT_PATTERN));
        consumer.awaitReady(ATTACH_TIMEOUT);
        BusStatus.awaitConsumers(bus.home(), 1, ATTACH_TIMEOUT);
        Paced sent = post(bus, events, perSecond, origin);
        long delivered = awaitLines(consumer, events);
        Sample latencies = Sample.of(recorder.latenciesStampedFrom(sent.firstStamp() + WARM_UP.toNanos()));
        report.measured(at + ": events measured (after " + WARM_UP.toSeconds() + " s warm-up) / delivered / failed requests",
                Report.count(latencies.size()) + " / " + Report.count(delivered) + " of " + Report.count(events) + " / "
                        + Report.count(sent.failed()) + " (achieved " + Report.rate(sent.eventsPerSecond()) + ")"
                        + (sent.failed() == 0 ? "" : "; first failure: " + sent.firstFailure()));
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
    private record Paced(long firstStamp, double eventsPerSecond, long failed, String firstFailure) {
    }

    /**
     * Sends {@code events} requests, the i-th due at start + i / rate, from {@link #SENDERS}
     * threads that each own one keep-alive connection (a synchronous send on HTTP/1.1 reuses it),
     * so a slow answer delays only that thread's next send and the connections stay few. A request
     * is stamped when sent, not when due, so a late send does not count as latency.
     */
    private static Paced post(HttpBus bus, long events, int perSecond, long origin) throws InterruptedException {
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        long tag = System.currentTimeMillis();
        long start = System.nanoTime() + START_DELAY.toNanos();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<Thread> senders = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int first = sender;
                senders.add(Thread.ofPlatform().name("http-latency-" + sender).start(() -> {
                    for (long i = first; i < events; i += SENDERS) {
                        long due = start + i * 1_000_000_000L / perSecond;
                        long wait;
                        while ((wait = due - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        String failure = send(client, bus, tag, i, System.nanoTime() - origin);
                        if (failure != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet("", failure);
                        }
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Paced(start - origin, events / seconds, failed.get(), firstFailure.get());
    }

    /** POSTs event {@code number} stamped {@code stamp}; null when it was answered 200, else what went wrong. */
    private static String send(HttpClient client, HttpBus bus, long tag, long number, long stamp) {
        String body = String.format(Locale.ROOT, "{\"id\":\"lat-%d-%d\",\"type\":\"bench.http\",\"source\":\"bench\","
                + "\"timestamp\":%d,\"data\":{\"t\":\"%d\"}}", tag, number, System.currentTimeMillis(), stamp);
        HttpRequest request = HttpRequest.newBuilder(bus.uri("events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? null : answer.statusCode() + " " + answer.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** Waits until the consumer printed {@code events} lines or printed nothing new for a while; its lines. */
    static long awaitLines(ConsumerProcess consumer, long events) {
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
            Poll.pause(Duration.ofMillis(20));
        }
    }
}
