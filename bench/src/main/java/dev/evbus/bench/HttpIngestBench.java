package dev.evbus.bench;

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

    static void run(Path root, Path launcher, Duration length, double ceiling, Cleanup scope, Report report)
            throws IOException, InterruptedException {
        HttpBus bus = scope.register(HttpBus.start(launcher));
        BusHome.sleep(SETTLE); // an idle period on purpose: start-up garbage settles before the reading
        long idle = ResidentMemory.kibibytes(bus.pid());
        report.checked("http: `evbus serve` resident memory (VmRSS), idle, HTTP source configured, no traffic",
                ResidentMemory.megabytes(idle), "~20 MB (seed)", idle <= SEED_MEMORY_KIB);
        Wrk.Found found = Wrk.find();
        if (found instanceof Wrk.Missing(String why)) {
            report.measured("http: single events and batches with wrk", "skipped: " + why);
            scope.release(bus);
            return;
        }
        Path wrk = ((Wrk.Available) found).binary();
        Path single = root.resolve("bench/http/single.lua");
        Path batch = root.resolve("bench/http/batch.lua");
        long peak;
        try (PeakResidentMemory memory = PeakResidentMemory.watch(bus.pid())) {
            Wrk.run(wrk, single, bus.base(), THREADS, SINGLE_CONNECTIONS, WARM_UP, "warm-single");
            Measured one = measure(bus, wrk, single, SINGLE_CONNECTIONS, length, "single", 1);
            String at = "http: POST /events, 1 event per request (" + Wrk.command(root.relativize(single), THREADS, SINGLE_CONNECTIONS,
                    length) + ")";
            report.checked(at + ": events/s", Report.rate(one.eventsPerSecond()) + ", " + Report.ratio(
                    one.eventsPerSecond(), ceiling) + one.caveats(), "100,000 events/s (seed)",
                    one.eventsPerSecond() >= SEED_SINGLE);
            report.measured(at + ": request latency p50 / p99", Report.micros(one.wrk().p50Micros() * 1000) + " / "
                    + Report.micros(one.wrk().p99Micros() * 1000));
            Wrk.run(wrk, batch, bus.base(), THREADS, BATCH_CONNECTIONS, WARM_UP, "warm-batch");
            Measured many = measure(bus, wrk, batch, BATCH_CONNECTIONS, length, "batch", PER_BATCH);
            report.checked("http: POST /events/batch, " + PER_BATCH + " events per request (" + Wrk.command(root.relativize(batch), THREADS,
                    BATCH_CONNECTIONS, length) + "): events/s", Report.rate(many.eventsPerSecond()) + ", "
                    + Report.ratio(many.eventsPerSecond(), ceiling) + "; request p50 / p99 "
                    + Report.micros(many.wrk().p50Micros() * 1000) + " / " + Report.micros(many.wrk().p99Micros() * 1000)
                    + many.caveats(), "500,000 events/s (seed)", many.eventsPerSecond() >= SEED_BATCH);
            peak = memory.stop();
        }
        report.checked("http: `evbus serve` peak resident memory (VmRSS) during the wrk runs", ResidentMemory.megabytes(peak),
                "~20 MB (seed)", peak <= SEED_MEMORY_KIB);
        report.note("http: `evbus serve` runs with EVBUS_JAVA_OPTS=" + HttpBus.JAVA_OPTS + " as the README's unit does;"
                + " wrk shares the machine's cores with it, and every wrk run follows an untimed "
                + WARM_UP.toSeconds() + " s one; events/s counts requests wrk saw answered × events per request");
        scope.release(bus);
    }

    /** One timed wrk run and the events the bus says it published meanwhile. */
    private record Measured(Wrk.Result wrk, int eventsPerRequest, long processed) {

        double eventsPerSecond() {
            return wrk.requestsPerSecond() * eventsPerRequest;
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

    private static Measured measure(HttpBus bus, Path wrk, Path script, int connections, Duration length, String tag,
                                    int perRequest) throws IOException, InterruptedException {
        long before = bus.processed();
        Wrk.Result result = Wrk.run(wrk, script, bus.base(), THREADS, connections, length, tag);
        return new Measured(result, perRequest, bus.processed() - before);
    }
}
