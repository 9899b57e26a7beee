package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (b) Publish→output latency at a steady rate: the bench stamps each payload with its own
 * {@code System.nanoTime()} just before publishing and notes the same clock when the consumer's
 * line reaches it, so the figure includes the consumer JVM's stdout pipe.
 */
final class LatencyBench {
    private static final Duration DELIVERY_QUIET = Duration.ofSeconds(2);

    private LatencyBench() {
    }

    static void run(Path root, LogMode mode, Cleanup scope, int perSecond, Duration warmUp, Duration length,
                    Report report) throws IOException, InterruptedException {
        String at = "latency at " + Report.count(perSecond) + " events/s, 1 consumer, log " + mode.label();
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        home.writeAppConfig("{\"retention\":" + mode.retentionJson() + "}\n");
        long origin = System.nanoTime();
        long events = (long) perSecond * (warmUp.toSeconds() + length.toSeconds());
        LatencyRecorder recorder = new LatencyRecorder(origin, Math.toIntExact(events + 1024));
        LoadRig rig = scope.register(LoadRig.attach(home, 1, recorder));
        String unavailable = mode.unavailableOn(BusStatus.of(home));
        if (unavailable != null) {
            report.measured(at, unavailable);
            return;
        }
        long[] droppedBefore = rig.dropped();
        long[] lines = rig.lines();
        PublishRun publish = new BenchPublisher(rig.socket(), origin).paced(events, perSecond);
        Delivery delivery = rig.awaitDelivery(lines, events, DELIVERY_QUIET);
        long dropped = rig.dropped()[0] - droppedBefore[0];
        Sample latencies = Sample.of(recorder.latenciesStampedFrom(publish.startNanos() - origin + warmUp.toNanos()));
        report.measured(at + ": events measured (after " + warmUp.toSeconds() + " s warm-up) / delivered / dropped",
                Report.count(latencies.size()) + " / " + Report.count(delivery.total()) + " of " + Report.count(events)
                        + " / " + Report.count(dropped) + " (achieved " + Report.rate(publish.eventsPerSecond()) + ")");
        report.measured(at + ": p50", Report.micros(latencies.median()));
        Duration target = mode.durable() ? Duration.ofMillis(2) : Duration.ofMillis(1);
        report.checked(at + ": p99", Report.micros(latencies.percentile(0.99)), "≤ " + target.toMillis() + " ms",
                latencies.percentile(0.99) <= target.toNanos());
        report.measured(at + ": p99.9", Report.micros(latencies.percentile(0.999)));
        report.measured(at + ": max", Report.micros(latencies.max()));
        if (!mode.durable()) {
            report.note("latency is publish call → line read from the consumer's stdout pipe, on the bench's own clock:"
                + " it includes the bench's publish write, the bus, the consumer JVM and its stdout pipe");
        }
        scope.release(rig);
        scope.release(home);
    }
}
