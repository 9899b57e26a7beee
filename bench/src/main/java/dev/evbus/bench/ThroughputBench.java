package dev.evbus.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * (a) Publish→consume throughput through a real bus to real consumers. Flat out: the publisher
 * goes as fast as one connection takes events; with the retention log a consumer that falls
 * behind reads on from the log and loses events only when unread ones fall off retention, so
 * delivered rate and loss are both reported. Paced: the rate doubles, then bisects, to the highest
 * one at which every consumer gets every event and keeps up (finishes within 10 % of the publish
 * span: a log can absorb a 2 s burst a consumer could not sustain, and that is not keeping up).
 * The rig's consumers may be of any key that prints one line per published event.
 */
final class ThroughputBench {
    private static final long WARM_UP_EVENTS = 20_000;
    private static final Duration FLAT_OUT_QUIET = Duration.ofSeconds(2);
    private static final Duration STEP_QUIET = Duration.ofSeconds(1);
    private static final Duration STEP_LENGTH = Duration.ofSeconds(2);
    private static final int MAX_STEPS = 8;
    /** Stop refining once the highest clean rate and the lowest failing rate are this close. */
    private static final double RESOLUTION = 0.15;
    /** A consumer keeps up when its delivered rate is at least this share of the publish rate. */
    private static final double KEEPS_UP = 0.9;

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

        /** Loss as the issue defines it: published minus delivered, or the bus's dropped count if larger. */
        long loss() {
            return Math.max(dropped, shortfall());
        }

        /** The slowest consumer's delivered rate over its span from the first publish to its last line. */
        double slowestDelivered() {
            return Arrays.stream(delivery.ratesSince(publish.startNanos())).min().orElse(0);
        }

        /** All consumers' CPU time (index 1 on; 0 is the bus) per event they delivered. */
        double consumerCpuNanosPerEvent() {
            return Arrays.stream(cpuNanos).skip(1).sum() / (double) Math.max(1, delivery.total());
        }
    }

    /**
     * One paced step: the rate asked for, what the publisher managed, what the slowest consumer
     * got, the loss, and the consumers' CPU time per delivered event.
     */
    record Step(double target, double achieved, double delivered, long loss, double consumerCpuNanosPerEvent) {
        boolean clean() {
            return loss == 0 && delivered >= KEEPS_UP * achieved;
        }

        @Override
        public String toString() {
            String verdict = loss > 0 ? String.format(Locale.ROOT, "lost %,d", loss)
                    : clean() ? "clean" : "no loss but fell behind";
            return String.format(Locale.ROOT, "asked %,.0f/s: published %,.0f/s → delivered %,.0f/s %s", target, achieved,
                    delivered, verdict);
        }
    }

    /** The paced search's steps in order and its best clean step (null when none was clean). */
    record Search(List<Step> steps, Step best) {
        /** The steps for the report's notes. */
        String note(String who) {
            return "paced steps, " + who + " (delivered: the slowest consumer's rate): " + steps
                    + (best != null && best.achieved() < 0.9 * best.target() ? "; the publisher could go no faster" : "");
        }
    }

    /** Publishes {@code events} flat out and waits for them, so the consumers' JIT has compiled the hot paths. */
    void warmUp(long events) throws IOException {
        run(events, Double.POSITIVE_INFINITY, STEP_QUIET);
    }

    void flatOut(long events) throws IOException {
        int consumers = rig.consumers().size();
        String who = who(consumers);
        warmUp(WARM_UP_EVENTS);
        Outcome outcome = run(events, Double.POSITIVE_INFINITY, FLAT_OUT_QUIET);
        long start = outcome.publish().startNanos();
        double accepted = outcome.publish().eventsPerSecond();
        report.measured("flat out, " + who + ": publish rate the bus accepted (" + Report.count(events) + " events)",
                Report.rate(accepted) + " (" + Report.ratio(accepted, ceiling) + ")");
        double[] rates = outcome.delivery().ratesSince(start);
        long sent = events * consumers;
        String loss = "loss " + Report.count(outcome.loss()) + " of " + Report.count(sent) + " ("
                + Report.percent(outcome.loss(), sent) + "; bus dropped " + Report.count(outcome.dropped()) + ")";
        if (consumers == 1) {
            report.measured("flat out, 1 consumer: delivered, with its loss",
                    Report.rate(rates[0]) + " (" + Report.ratio(rates[0], ceiling) + "), " + loss);
        } else {
            double mean = Arrays.stream(rates).average().orElse(0);
            double slowest = Arrays.stream(rates).min().orElse(0);
            double total = outcome.delivery().totalRateSince(start);
            report.measured("flat out, " + who + ": delivered per consumer (mean / slowest)",
                    Report.rate(mean) + " / " + Report.rate(slowest) + " (" + Report.ratio(mean, ceiling) + " / "
                            + Report.ratio(slowest, ceiling) + ")");
            report.measured("flat out, " + who + ": delivered, all consumers together, with the loss",
                    Report.rate(total) + " (" + Report.ratio(total, ceiling) + "), " + loss);
        }
        report.measured("flat out, " + who + ": CPU time, bus per published event / consumers per delivered event",
                Report.micros2(outcome.cpuNanos()[0] / (double) events) + " / "
                        + Report.micros2(outcome.consumerCpuNanosPerEvent()));
    }

    /** Searches from {@code startRate} and reports the best clean rate against {@code target}. */
    void highestCleanRate(double startRate, double target) throws IOException {
        int consumers = rig.consumers().size();
        String who = who(consumers);
        Search search = searchCleanRate(startRate);
        Step best = search.best();
        String value = best == null ? "none at or above " + Report.rate(startRate)
                : Report.rate(best.delivered()) + " (" + Report.ratio(best.delivered(), ceiling) + ")";
        String metric = "paced, " + who + ": highest rate with zero loss, consumer keeping up ("
                + STEP_LENGTH.toSeconds() + " s steps)" + (consumers == 1 ? "" : ", per consumer");
        report.checked(metric, value, "≥ " + Report.rate(target), best != null && best.delivered() >= target);
        if (best != null && consumers > 1) {
            report.measured("paced, " + who + ": that rate for all consumers together",
                    Report.rate(best.delivered() * consumers) + " deliveries");
        }
        report.note(search.note(who));
    }

    /** Doubles the rate from {@code startRate} until a step loses or falls behind, then narrows the gap by halves. */
    Search searchCleanRate(double startRate) throws IOException {
        List<Step> steps = new ArrayList<>();
        Step best = null;
        double failing = Double.NaN;
        double rate = startRate;
        while (steps.size() < MAX_STEPS) {
            long events = Math.max(10_000, (long) (rate * STEP_LENGTH.toNanos() / 1e9));
            Outcome outcome = run(events, rate, STEP_QUIET);
            Step step = new Step(rate, outcome.publish().eventsPerSecond(), outcome.slowestDelivered(), outcome.loss(),
                    outcome.consumerCpuNanosPerEvent());
            steps.add(step);
            if (step.clean()) {
                best = best == null || step.delivered() > best.delivered() ? step : best;
                if (step.achieved() < 0.9 * rate) {
                    break; // the publisher cannot go faster: this is as high as the search can see
                }
            } else {
                failing = Double.isNaN(failing) ? rate : Math.min(failing, rate);
            }
            double clean = best == null ? 0 : best.target();
            if (!Double.isNaN(failing) && (failing - clean) / failing < RESOLUTION) {
                break;
            }
            rate = Double.isNaN(failing) ? rate * 2 : (clean + failing) / 2;
        }
        return new Search(List.copyOf(steps), best);
    }

    private static String who(int consumers) {
        return consumers == 1 ? "1 consumer" : consumers + " consumers";
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
