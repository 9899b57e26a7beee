package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * SPEC §12 ingestion over HTTP into a real {@code evbus serve}: its resident memory idle with the
 * HTTP source configured, then {@code wrk} (scripts in {@code bench/http/}) POSTing single events
 * over keep-alive connections and batches of 100, each after an untimed warm-up run, with the
 * bus's peak resident memory during the load. wrk runs on the same cores as the bus.
 */
final class HttpIngestBench {
    private static final Duration SETTLE = Duration.ofSeconds(2);
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final int THREADS = 2;
    private static final int SINGLE_CONNECTIONS = 32;
    private static final int BATCH_CONNECTIONS = 8;
    static final int PER_BATCH = 100;
    /** The seed system's figures (issue 8). */
    private static final double SEED_SINGLE = 100_000;
    private static final double SEED_BATCH = 500_000;
    static final long SEED_MEMORY_KIB = 20 * 1024;

    private HttpIngestBench() {
    }

    static void run(Path root, Duration length, double ceiling, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        HttpBus bus = scope.register(HttpBus.start(root));
        Poll.pause(SETTLE); // an idle period on purpose: start-up garbage settles before the reading
        long idle = ResidentMemory.kibibytes(bus.pid());
        report.checked("http: `evbus serve` resident memory (VmRSS), idle, HTTP source configured, no traffic",
                ResidentMemory.megabytes(idle), "~20 MB (seed)", idle <= SEED_MEMORY_KIB);
        DebianTool.Found found = Wrk.find();
        if (found instanceof DebianTool.Missing(String why)) {
            report.measured("http: single events and batches with wrk", "skipped: " + why);
            scope.release(bus);
            return;
        }
        Path wrk = ((DebianTool.Available) found).binary();
        Path single = root.resolve("bench/http/single.lua");
        Path batch = root.resolve("bench/http/batch.lua");
        Measured one = measure(bus, wrk, single, SINGLE_CONNECTIONS, length, "single", 1);
        String at = "http: POST /events, 1 event per request ("
                + Wrk.command(root.relativize(single), THREADS, SINGLE_CONNECTIONS, length) + ")";
        report.checked(at + ": events/s", Report.rate(one.eventsPerSecond()) + ", "
                + Report.ratio(one.eventsPerSecond(), ceiling) + one.caveats(), "100,000 events/s (seed)",
                one.eventsPerSecond() >= SEED_SINGLE);
        report.measured(at + ": request latency p50 / p99", one.latencies());
        report.checked(at + ": `evbus serve` peak resident memory (VmRSS) during the run",
                ResidentMemory.megabytes(one.peakKibibytes()), "~20 MB (seed)", one.peakKibibytes() <= SEED_MEMORY_KIB);
        Measured many = measure(bus, wrk, batch, BATCH_CONNECTIONS, length, "batch", PER_BATCH);
        at = "http: POST /events/batch, " + PER_BATCH + " events per request ("
                + Wrk.command(root.relativize(batch), THREADS, BATCH_CONNECTIONS, length) + ")";
        report.checked(at + ": events/s", Report.rate(many.eventsPerSecond()) + ", "
                + Report.ratio(many.eventsPerSecond(), ceiling) + "; request p50 / p99 " + many.latencies()
                + many.caveats(), "500,000 events/s (seed)", many.eventsPerSecond() >= SEED_BATCH);
        report.measured(at + ": `evbus serve` peak resident memory (VmRSS) during the run",
                ResidentMemory.megabytes(many.peakKibibytes()));
        report.note("http: `evbus serve` execs the bus with its own JVM flags (C2 only, heap cap from retention), as the README's unit runs it;"
                + " wrk shares the machine's cores with it, and every wrk run follows an untimed "
                + WARM_UP.toSeconds() + " s one; events/s counts requests wrk saw answered × events per request");
        scope.release(bus);
    }

    /** One timed wrk run, the events the bus says it published meanwhile, and its peak resident memory. */
    private record Measured(Wrk.Result wrk, int eventsPerRequest, long processed, long peakKibibytes) {

        double eventsPerSecond() {
            return wrk.requestsPerSecond() * eventsPerRequest;
        }

        String latencies() {
            return Report.micros(wrk.p50Micros() * 1000) + " / " + Report.micros(wrk.p99Micros() * 1000);
        }

        /** What makes the rate doubtful, for the value cell; empty when nothing does. */
        String caveats() {
            StringBuilder out = new StringBuilder();
            if (wrk.non2xx() > 0 || wrk.socketErrors() > 0) {
                out.append(String.format(Locale.ROOT, "; **%,d non-2xx answers, %,d socket errors**", wrk.non2xx(),
                        wrk.socketErrors()));
            }
            long answered = wrk.requests() * eventsPerRequest;
            if (processed < answered) {
                out.append(String.format(Locale.ROOT, "; **the bus counted %,d events processed of %,d answered**",
                        processed, answered));
            }
            return out.toString();
        }
    }

    /** An untimed warm-up run of {@link #WARM_UP}, then the timed one with the bus's memory watched. */
    private static Measured measure(HttpBus bus, Path wrk, Path script, int connections, Duration length, String tag,
                                    int perRequest) throws IOException, InterruptedException {
        Wrk.run(wrk, script, bus.base(), THREADS, connections, WARM_UP, "warm-" + tag);
        long before = bus.processed();
        try (PeakResidentMemory memory = PeakResidentMemory.watch(bus.pid())) {
            Wrk.Result result = Wrk.run(wrk, script, bus.base(), THREADS, connections, length, tag);
            long peak = memory.stop();
            return new Measured(result, perRequest, bus.processed() - before, peak);
        }
    }
}
