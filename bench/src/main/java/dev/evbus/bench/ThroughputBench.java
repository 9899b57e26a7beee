package dev.evbus.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * (a) Publish→consume throughput through a real bus to real consumers: flat out (the bus drops
 * oldest when a consumer falls behind, so delivered and dropped are both reported), then paced,
 * stepping the rate up to the highest one a consumer keeps up with without a single drop.
 */
final class ThroughputBench {
    private static final long WARM_UP_EVENTS = 20_000;
    private static final Duration FLAT_OUT_QUIET = Duration.ofSeconds(2);
    private static final Duration STEP_QUIET = Duration.ofSeconds(1);
    private static final Duration STEP_LENGTH = Duration.ofSeconds(2);
    private static final int MAX_STEPS = 8;
    /** Stop refining once the highest clean rate and the lowest dropping rate are this close. */
    private static final double RESOLUTION = 0.15;

    private final LoadRig rig;
    private final BenchPublisher publisher;
    private final double ceiling;
    private final Report report;
    /** The bus's drop counts after the previous run, so each run costs one status call, not two. */
    private long[] droppedSoFar;

    ThroughputBench(LoadRig rig, BenchPublisher publisher, double ceiling, Report report) {
        this.rig = rig;
        this.publisher = publisher;
        this.ceiling = ceiling;
        this.report = report;
    }

    /** One run's totals: events published, what reached the consumers, what the bus dropped. */
    private record Outcome(PublishRun publish, Delivery delivery, long dropped, long[] cpuNanos) {
        long shortfall() {
            return publish.events() * delivery.delivered().length - delivery.total();
        }
    }

    /** One paced step: the rate asked for, the rate the publisher managed, and whether all arrived. */
    private record Step(double target, double achieved, long dropped, long shortfall) {
        boolean clean() {
            return dropped == 0 && shortfall == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f/s%s", achieved,
                    clean() ? " clean" : String.format(Locale.ROOT, " dropped %,d", Math.max(dropped, shortfall)));
        }
    }

    void flatOut(long events) throws IOException {
        int consumers = rig.consumers().size();
        String who = consumers == 1 ? "1 consumer" : consumers + " consumers";
        run(WARM_UP_EVENTS, Double.POSITIVE_INFINITY, STEP_QUIET);
        Outcome outcome = run(events, Double.POSITIVE_INFINITY, FLAT_OUT_QUIET);
        long start = outcome.publish().startNanos();
        report.measured("flat out, " + who + ": publish rate the bus accepted (" + Report.count(events) + " events)",
                Report.rate(outcome.publish().eventsPerSecond()) + " (" + Report.ratio(outcome.publish().eventsPerSecond(), ceiling) + ")");
        double[] rates = outcome.delivery().ratesSince(start);
        if (consumers == 1) {
            report.checked("flat out, 1 consumer: delivered", Report.rate(rates[0]) + " (" + Report.ratio(rates[0], ceiling) + ")",
                    "≥ 500,000 events/s", rates[0] >= 500_000);
        } else {
            double mean = Arrays.stream(rates).average().orElse(0);
            double slowest = Arrays.stream(rates).min().orElse(0);
            double total = outcome.delivery().totalRateSince(start);
            report.measured("flat out, " + who + ": delivered per consumer (mean / slowest)",
                    Report.rate(mean) + " / " + Report.rate(slowest) + " (" + Report.ratio(mean, ceiling) + " / "
                            + Report.ratio(slowest, ceiling) + ")");
            report.measured("flat out, " + who + ": delivered, all consumers together",
                    Report.rate(total) + " (" + Report.ratio(total, ceiling) + ")");
        }
        long consumerCpu = Arrays.stream(outcome.cpuNanos()).skip(1).sum();
        report.measured("flat out, " + who + ": CPU time, bus per published event / consumers per delivered event",
                Report.micros2(outcome.cpuNanos()[0] / (double) events) + " / "
                        + Report.micros2(consumerCpu / (double) Math.max(1, outcome.delivery().total())));
        long sent = events * consumers;
        report.measured("flat out, " + who + ": dropped by the bus (status --json)",
                Report.count(outcome.dropped()) + " of " + Report.count(sent) + " (" + Report.percent(outcome.dropped(), sent)
                        + "); not delivered: " + Report.count(outcome.shortfall()));
    }

    /** Doubles the rate from {@code startRate} until drops appear, then narrows the gap by halves. */
    void highestCleanRate(double startRate) throws IOException {
        int consumers = rig.consumers().size();
        String who = consumers == 1 ? "1 consumer" : consumers + " consumers";
        List<Step> steps = new ArrayList<>();
        Step best = null;
        double dropping = Double.NaN;
        double target = startRate;
        while (steps.size() < MAX_STEPS) {
            long events = Math.max(10_000, (long) (target * STEP_LENGTH.toNanos() / 1e9));
            Outcome outcome = run(events, target, STEP_QUIET);
            Step step = new Step(target, outcome.publish().eventsPerSecond(), outcome.dropped(), outcome.shortfall());
            steps.add(step);
            if (step.clean()) {
                best = best == null || step.achieved() > best.achieved() ? step : best;
                if (step.achieved() < 0.9 * target) {
                    break; // the publisher cannot go faster: this is as high as the search can see
                }
            } else {
                dropping = Double.isNaN(dropping) ? target : Math.min(dropping, target);
            }
            double clean = best == null ? 0 : best.target();
            if (!Double.isNaN(dropping) && (dropping - clean) / dropping < RESOLUTION) {
                break;
            }
            target = Double.isNaN(dropping) ? target * 2 : (clean + dropping) / 2;
        }
        String value = best == null ? "none at or above " + Report.rate(startRate)
                : Report.rate(best.achieved()) + " (" + Report.ratio(best.achieved(), ceiling) + ")";
        String metric = "paced, " + who + ": highest rate with zero drops (" + STEP_LENGTH.toSeconds() + " s steps)";
        if (consumers == 1) {
            report.checked(metric, value, "≥ 500,000 events/s", best != null && best.achieved() >= 500_000);
        } else {
            report.measured(metric + ", per consumer", value);
        }
        report.note("paced steps, " + who + ": " + steps);
    }

    private Outcome run(long events, double perSecond, Duration quiet) throws IOException {
        long[] lines = rig.lines();
        long[] droppedBefore = droppedSoFar != null ? droppedSoFar : rig.dropped();
        long[] cpuBefore = rig.cpuNanos();
        PublishRun publish = publisher.paced(events, perSecond);
        Delivery delivery = rig.awaitDelivery(lines, events, quiet);
        long[] cpu = rig.cpuNanos();
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] -= cpuBefore[i];
        }
        long[] droppedAfter = rig.dropped();
        droppedSoFar = droppedAfter;
        long dropped = 0;
        for (int i = 0; i < droppedAfter.length; i++) {
            dropped += droppedAfter[i] - droppedBefore[i];
        }
        return new Outcome(publish, delivery, dropped, cpu);
    }
}
