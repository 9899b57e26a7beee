package dev.evbus.bench;

import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Cross-host delivery through the NATS JetStream bridge (SPEC §13), next to the same
 * nats-server's own figure on this machine. One local {@code nats-server -js}; first the baseline
 * ({@link NatsBaselineBench}: jnats publishing into a stream and reading it back the way the bridge
 * does), then two hosts ({@link BridgeHosts}): the bench publishes {@value #EVENTS} events into
 * A's bus as fast as one wire-protocol connection goes (the publisher behind
 * {@code EventPublisher}) and counts them at B's {@code consume raw}, then publishes at a paced
 * rate for the latency. Every payload carries the bench's {@code System.nanoTime()} at publish;
 * the arrival is noted on the same clock when B's consumer line (or jnats' message) reaches the
 * bench, so no clocks need to agree.
 */
final class BridgeBench {
    static final long EVENTS = 100_000;
    static final int RATE = 2_000;
    private static final Duration WARM_UP = Duration.ofSeconds(2);
    private static final Duration LENGTH = Duration.ofSeconds(8);
    private static final String BASELINE = "jnats JetStream round trip";

    private BridgeBench() {
    }

    static void run(Path root, Cleanup scope, Report report) throws IOException, InterruptedException {
        DebianTool.Found found = DebianTool.find("nats-server", "nats-server");
        if (found instanceof DebianTool.Missing(String why)) {
            report.measured("bridge: cross-host delivery through NATS JetStream", "skipped: " + why);
            return;
        }
        Path binary = ((DebianTool.Available) found).binary();
        Path scratch = Files.createTempDirectory(Path.of("/tmp"), "evbn");
        AutoCloseable deleteScratch = scope.register(() -> ScratchDir.delete(scratch));
        NatsServerProcess nats = NatsServerProcess.started(scratch);
        AutoCloseable stopNats = scope.register(nats::stop);
        long origin = System.nanoTime();
        long paced = (long) RATE * (WARM_UP.toSeconds() + LENGTH.toSeconds());

        NatsBaselineBench baseline = scope.register(NatsBaselineBench.connect(nats.url()));
        NatsBaselineBench.Run flat = baseline.run(EVENTS, Double.POSITIVE_INFINITY, NatsBaselineBench.Reading.BATCHES, origin);
        NatsBaselineBench.Run steady = baseline.run(paced, RATE, NatsBaselineBench.Reading.BATCHES, origin);
        NatsBaselineBench.Run each = baseline.run(paced, RATE, NatsBaselineBench.Reading.EACH, origin);
        scope.release(baseline);
        Sample baseLatency = steady.latenciesAfter(WARM_UP, origin);
        Sample floor = each.latenciesAfter(WARM_UP, origin);
        String base = "bridge baseline: " + BASELINE + " (jnats async publish, window " + NatsBaselineBench.WINDOW
                + ", → durable pull consumer, fetch " + NatsBaselineBench.BATCH + ", " + BenchPayload.SIZE + "-byte payloads)";
        report.measured(base + ", " + Report.count(EVENTS) + " messages flat out: messages/s end to end",
                Report.rate(flat.endToEndPerSecond()).replace("events", "messages") + " (read " + Report.count(flat.read())
                        + " of " + Report.count(flat.published()) + ", acked " + Report.count(flat.acked()) + ")");
        report.measured(base + " at " + Report.count(RATE) + " messages/s: publish → consume p50 / p99",
                latencies(baseLatency) + " (" + Report.count(baseLatency.size()) + " measured after a "
                        + WARM_UP.toSeconds() + " s warm-up, read " + Report.count(steady.read()) + " of "
                        + Report.count(steady.published()) + ")");
        report.measured("bridge baseline: the same at " + Report.count(RATE) + " messages/s, each message read as it arrives"
                + " (iterate instead of fetch): p50 / p99", latencies(floor) + " (" + Report.count(floor.size())
                + " measured, read " + Report.count(each.read()) + " of " + Report.count(each.published()) + ")");

        LatencyRecorder recorder = new LatencyRecorder(origin, Math.toIntExact(EVENTS + paced + 1024));
        BridgeHosts hosts = scope.register(BridgeHosts.start(root, nats.url(), recorder));
        ConsumerProcess onB = hosts.consumerOnB();
        long before = onB.lines();
        long[] cpuBefore = cpu(hosts, nats);
        PublishRun burst = new BenchPublisher(hosts.socketA(), origin).flatOut(EVENTS);
        long delivered = HttpLatencyBench.awaitLines(onB, before + EVENTS) - before;
        long[] cpuAfter = cpu(hosts, nats);
        double rate = delivered * 1e9 / Math.max(1, onB.lastArrivalNanos() - burst.startNanos());
        String at = "bridge: host A → nats-server → host B's `consume raw`";
        report.measured(at + ", " + Report.count(EVENTS) + " events published flat out on A: events/s at B",
                Report.rate(rate) + ", " + share(rate, flat.endToEndPerSecond()) + " (" + Report.count(delivered) + " of "
                        + Report.count(EVENTS) + " delivered; A's publish took "
                        + Report.millis(burst.endNanos() - burst.startNanos()) + ")");

        report.measured(at + ", the same run: CPU per delivered event, A's bus / nats-server / B's bus / B's consumer",
                perEvent(cpuBefore, cpuAfter, delivered));

        before = onB.lines();
        PublishRun steadyBridge = new BenchPublisher(hosts.socketA(), origin).paced(paced, RATE);
        long pacedDelivered = HttpLatencyBench.awaitLines(onB, before + paced) - before;
        Sample latency = Sample.of(recorder.latenciesStampedFrom(steadyBridge.startNanos() - origin + WARM_UP.toNanos()));
        report.measured(at + " at " + Report.count(RATE) + " events/s: publish → B's output p50 / p99",
                latencies(latency) + "; " + multiple(latency.median(), floor.median()) + " / "
                        + multiple(latency.percentile(0.99), floor.percentile(0.99)) + " the " + BASELINE
                        + " read as it arrives, as the bridge reads (" + Report.count(latency.size())
                        + " measured after a " + WARM_UP.toSeconds() + " s warm-up, " + Report.count(pacedDelivered) + " of "
                        + Report.count(paced) + " delivered)");
        BridgeHosts.Counts a = hosts.countsOnA();
        BridgeHosts.Counts b = hosts.countsOnB();
        report.measured("bridge: counters after both runs: A sent / missed / errors, B received / duplicates / errors",
                Report.count(a.sent()) + " / " + Report.count(a.missed()) + " / " + Report.count(a.errors()) + ", "
                        + Report.count(b.received()) + " / " + Report.count(b.duplicates()) + " / " + Report.count(b.errors()));
        report.note("bridge: " + version(binary) + " on loopback with a file store under /tmp;"
                + " the baseline and both buses share the machine's cores with it. Latency is the bench's publish call"
                + " (into A's bus, or jnats' publishAsync) → the line read from B's consumer (or the message fetched),"
                + " on the bench's own clock");
        scope.release(hosts);
        scope.release(stopNats);
        scope.release(deleteScratch);
    }

    /** The server's version line ({@code nats-server: v2.9.10}). */
    private static String version(Path binary) throws IOException, InterruptedException {
        return DebianTool.output(new ProcessBuilder(binary.toString(), "--version"), Duration.ofSeconds(10)).strip();
    }

    /** CPU used so far by A's bus, the nats-server, B's bus and B's consumer. */
    private static long[] cpu(BridgeHosts hosts, NatsServerProcess nats) throws IOException {
        long[] pids = hosts.pids();
        return new long[] {CpuTime.nanos(pids[0]), CpuTime.nanos(nats.pid()), CpuTime.nanos(pids[1]), CpuTime.nanos(pids[2])};
    }

    private static String perEvent(long[] before, long[] after, long events) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < before.length; i++) {
            out.append(i == 0 ? "" : " / ").append(Report.micros2((after[i] - before[i]) / (double) Math.max(1, events)));
        }
        return out.toString();
    }

    private static String latencies(Sample sample) {
        return Report.micros(sample.median()) + " / " + Report.micros(sample.percentile(0.99));
    }

    private static String share(double value, double baseline) {
        return String.format(Locale.ROOT, "%.0f %% of %s", value * 100 / baseline, BASELINE);
    }

    private static String multiple(long value, long baseline) {
        return String.format(Locale.ROOT, "%.1f×", (double) value / Math.max(1, baseline));
    }
}
