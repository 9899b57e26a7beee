package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * (g) Acknowledged publishing: a producer streams with {@code "ack":true} every N frames, a window
 * of outstanding acks, and a final synced {@code bye} (see {@link AckedPublisher}). In durable mode
 * an ack means "on disk", so this is the rate a producer that needs that promise gets; the same run
 * in memory mode shows what the acks themselves cost, apart from the disk. An idle consumer of
 * another type keeps the bus alive without adding delivery work.
 */
final class DurableAckBench {
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final double DURABLE_TARGET = 300_000;

    private DurableAckBench() {
    }

    static void run(Path root, LogMode mode, long events, int ackEvery, int window, double ceiling, Cleanup scope,
                    Report report) throws IOException, InterruptedException {
        String metric = "acked publish, log " + mode.label() + ": ack every " + Report.count(ackEvery) + " events, window "
                + window + ", synced bye (" + Report.count(events) + " events)";
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        home.writeAppConfig("{\"retention\":" + mode.retentionJson() + "}\n");
        ConsumerGroup group = scope.register(new ConsumerGroup());
        group.add(ConsumerProcess.launchIdle(home));
        BusStatus status = BusStatus.awaitConsumers(home, 1, ATTACH_TIMEOUT);
        String unavailable = mode.unavailableOn(status);
        if (unavailable != null) {
            report.measured(metric, unavailable);
            return;
        }
        AckedPublisher.run(status.socket(), Math.min(events, 50_000), ackEvery, window); // warm-up
        long cpuBefore = CpuTime.nanos(status.pid());
        AckedPublisher.Result result = AckedPublisher.run(status.socket(), events, ackEvery, window);
        long cpu = CpuTime.nanos(status.pid()) - cpuBefore;
        double rate = result.eventsPerSecond();
        String value = Report.rate(rate) + " (" + Report.ratio(rate, ceiling) + "); accepted "
                + Report.count(result.last().accepted()) + ", stored " + result.last().stored() + "; bus CPU "
                + Report.micros2(cpu / (double) events) + " per event";
        if (result.last().accepted() != events || !result.last().stored()) {
            value += " — **not all accepted and stored**";
        }
        if (mode.durable()) {
            report.checked(metric, value, "≥ " + Report.rate(DURABLE_TARGET),
                    rate >= DURABLE_TARGET && result.last().accepted() == events && result.last().stored());
        } else {
            report.measured(metric, value);
        }
        scope.release(group);
        scope.release(home);
    }
}
