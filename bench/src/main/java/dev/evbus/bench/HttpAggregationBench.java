package dev.evbus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code GET /aggregations} over HTTP from a real {@code evbus serve} whose windows hold
 * {@link #EVENTS} events, POSTed just before in batches of {@link HttpIngestBench#PER_BATCH} by
 * {@link #SENDERS} JDK HttpClient threads (1,000 sources, 20 types, default 60 s windows every
 * 10 s): the whole request as a client sees it, median of {@link #QUERIES} after as many untimed.
 */
final class HttpAggregationBench {
    static final int EVENTS = 1_000_000;
    private static final int SENDERS = 4;
    private static final int QUERIES = 21;
    private static final long SEED_NANOS = 10_000_000;

    private HttpAggregationBench() {
    }

    static void run(Path root, Cleanup scope, Report report) throws Exception {
        HttpBus bus = scope.register(HttpBus.start(root));
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            long started = System.nanoTime();
            fill(bus, client);
            double fillSeconds = (System.nanoTime() - started) / 1e9;
            long processed = bus.processed();
            if (processed < EVENTS) {
                throw new IllegalStateException("the bus processed " + processed + " of the " + EVENTS + " events posted");
            }
            report.measured("http: filling the windows, " + Report.count(EVENTS) + " events in batches of "
                    + HttpIngestBench.PER_BATCH + " from " + SENDERS + " HttpClient threads",
                    Report.rate(EVENTS / fillSeconds));
            long[] took = new long[QUERIES];
            long fullest = 0;
            for (int i = 0; i < QUERIES * 2; i++) {
                long sent = System.nanoTime();
                HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(bus.uri("aggregations")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long nanos = System.nanoTime() - sent;
                if (answer.statusCode() != 200) {
                    throw new IllegalStateException("GET /aggregations answered " + answer.statusCode());
                }
                if (i == 0) {
                    fullest = fullestWindow(answer.body());
                }
                if (i >= QUERIES) {
                    took[i - QUERIES] = nanos;
                }
            }
            Arrays.sort(took);
            double median = took[QUERIES / 2];
            report.checked("http: GET /aggregations, whole request (JDK HttpClient), " + Report.count(fullest)
                    + " events in the fullest window, median of " + QUERIES, String.format(Locale.ROOT, "%.2f ms",
                    median / 1e6), "< 10 ms (seed)", median < SEED_NANOS);
        }
        long rss = ResidentMemory.kibibytes(bus.pid());
        report.measured("http: `evbus serve` resident memory (VmRSS) after " + Report.count(EVENTS) + " events",
                ResidentMemory.megabytes(rss));
        scope.release(bus);
    }

    /** POSTs {@link #EVENTS} events in batches, split over {@link #SENDERS} threads; fails on any non-200. */
    private static void fill(HttpBus bus, HttpClient client) throws Exception {
        int batches = EVENTS / HttpIngestBench.PER_BATCH;
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                int first = sender;
                done.add(senders.submit(() -> {
                    SplittableRandom random = new SplittableRandom(first);
                    for (int batch = first; batch < batches; batch += SENDERS) {
                        HttpRequest request = HttpRequest.newBuilder(bus.uri("events/batch"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(batchBody(batch, random))).build();
                        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 200) {
                            throw new IllegalStateException("POST /events/batch answered " + answer.statusCode() + ": "
                                    + answer.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> sender : done) {
                sender.get();
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static String batchBody(int batch, SplittableRandom random) {
        StringBuilder body = new StringBuilder(HttpIngestBench.PER_BATCH * 120).append('[');
        long now = System.currentTimeMillis();
        for (int i = 0; i < HttpIngestBench.PER_BATCH; i++) {
            int n = batch * HttpIngestBench.PER_BATCH + i;
            body.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"id\":\"agg-%d\",\"type\":\"reading.%d\",\"source\":\"sensor-%d\",\"timestamp\":%d,"
                            + "\"data\":{\"value\":%.2f,\"unit\":\"C\"}}", n, n % 20, random.nextInt(1_000), now,
                    random.nextDouble(-20, 120)));
        }
        return body.append(']').toString();
    }

    /** The largest {@code count} among the answer's windows. */
    private static long fullestWindow(byte[] body) throws IOException {
        long fullest = 0;
        for (JsonNode window : new ObjectMapper().readTree(body).path("aggregations")) {
            fullest = Math.max(fullest, window.path("count").asLong());
        }
        return fullest;
    }
}
