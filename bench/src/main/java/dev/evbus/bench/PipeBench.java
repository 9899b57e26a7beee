package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * CLI to CLI: {@code evbus publish --stdin} reading N events from a file into a bus, one
 * {@code evbus consume raw --quiet --max-events N} printing them to a pipe the bench counts, timed
 * from the publisher's launch to the consumer's exit. Beside it, in the same run, the same events
 * through redis: {@code redis-cli --pipe} sending a {@code PUBLISH} per event to a private
 * redis-server, {@code redis-cli SUBSCRIBE} printing them ({@link RedisPipe}). Both sides include
 * their CLIs' start-up and their receiver's output; loss is checked on both. The evbus pipe then
 * runs once more into the same bus, warm by then, for a second figure beside the first.
 */
final class PipeBench {
    private static final double TARGET = 800_000;
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    /** No new output for this long ends the wait: what has not arrived by then is lost. */
    private static final Duration STALL = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(10);

    /** One side's result: events fed, events the receiving CLI printed, and the time they took. */
    record Run(long events, long delivered, long nanos) {
        double rate() {
            return events * 1e9 / nanos;
        }

        String summary() {
            return Report.rate(rate()) + (delivered == events ? ", no loss"
                    : ", **lost " + Report.count(events - delivered) + "** (" + Report.count(delivered) + " delivered)");
        }
    }

    /** The evbus pipe into a bus it has just forked, then into the same bus again. */
    private record Runs(Run fresh, Run warm) {
    }

    private PipeBench() {
    }

    static void run(Path root, long events, Cleanup scope, Report report) throws Exception {
        Runs runs = evbus(root, events, scope, report);
        Run evbus = runs.fresh();
        String sized = Report.count(events) + " events of " + BenchPayload.SIZE + " bytes";
        String redisWhat = "redis: `redis-cli --pipe` (a PUBLISH per event) → redis-server (Unix socket) → `redis-cli"
                + " SUBSCRIBE`, " + sized;
        Run redis = null;
        String redisValue;
        try {
            RedisForBench.Found found = RedisForBench.find();
            if (found instanceof RedisForBench.Missing(String why)) {
                redisValue = "not available: " + why;
            } else {
                RedisPipe.Result result = RedisPipe.run((RedisForBench.Binaries) found, events, scope);
                redis = result.run();
                redisValue = redis.summary();
                redisWhat = redisWhat.replace("redis:", "redis " + result.version() + ":");
                report.note("redis-cli --pipe: " + result.pipeSummary());
            }
        } catch (Exception failed) {
            failed.printStackTrace();
            redisValue = "**failed**: " + failed;
        }
        String value = evbus.summary() + (redis == null ? "; no redis figure to compare"
                : String.format(Locale.ROOT, "; %.2f× redis", evbus.rate() / redis.rate()));
        boolean met = evbus.rate() >= TARGET && evbus.delivered() == events && (redis == null || evbus.rate() >= redis.rate());
        report.checked("CLI to CLI: `evbus publish --stdin` → bus → `evbus consume raw --quiet --max-events N`, " + sized,
                value, "≥ 800,000 events/s and ≥ redis", met);
        report.measured(redisWhat, redisValue);
        Run warm = runs.warm();
        report.measured("the same evbus pipe again, into the same bus, warm by then", warm.summary()
                + (redis == null ? "" : String.format(Locale.ROOT, "; %.2f× redis", warm.rate() / redis.rate()))
                + String.format(Locale.ROOT, "; %.2f× the fresh bus's run", warm.rate() / evbus.rate()));
    }

    /**
     * The evbus side: the pipe into a bus its consumer has just forked (the figure the target is
     * held to: a fresh JVM, its start not counted), then the same pipe again into that bus, now
     * warm. The second run shows what the first pays for the bus's JIT warming up (decision 0034):
     * a bus outlives its last consumer by its idle timeout, so pipes run one after another meet a warm one.
     */
    private static Runs evbus(Path root, long events, Cleanup scope, Report report) throws Exception {
        Evbus home = scope.register(Evbus.keepingSettings(root, "10m"));
        Path input = home.home().resolve("pipe.ndjson");
        PipeInput.write(input, events, PipeInput.Format.EVBUS);
        Run fresh = evbusOnce(home, input, events, scope, report, true);
        Run warm = evbusOnce(home, input, events, scope, report, false);
        scope.release(home);
        return new Runs(fresh, warm);
    }

    /** One pipe into the home's bus: {@code fresh} when its consumer is the one that forks that bus. */
    private static Run evbusOnce(Evbus home, Path input, long events, Cleanup scope, Report report, boolean fresh)
            throws Exception {
        String bus = fresh ? "fresh bus" : "warm bus";
        ConsumerProcess consumer = scope.register(ConsumerProcess.launch(home, null, "-p", ConsumerProcess.EVENT_PATTERN,
                "--quiet", "--max-events", Long.toString(events)));
        // the consumer of the run before may still be listed while it leaves: wait for this one
        long busPid = BusStatus.awaitConsumer(home, consumer.pid(), ATTACH_TIMEOUT).pid();
        long publishedBefore = BusStatus.of(home).published();
        // The bus's CPU over the pipe, from /proc: the figure that holds on a shared machine (decision 0034)
        long busCpuBefore = CpuTime.nanos(busPid);
        long started = System.nanoTime();
        Process publisher = home.command("publish", "--stdin").redirectInput(input.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> totals = readAsync(publisher.getErrorStream());
        awaitEnd(consumer::lines, () -> consumer.finishedNanos() != 0);
        long ended = consumer.finishedNanos() != 0 ? consumer.finishedNanos() : consumer.lastArrivalNanos();
        double busCpuSeconds = (CpuTime.nanos(busPid) - busCpuBefore) / 1e9;
        if (!publisher.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            publisher.destroyForcibly();
            throw new IllegalStateException("evbus publish --stdin did not exit within " + EXIT_TIMEOUT);
        }
        long published = BusStatus.of(home).published() - publishedBefore;
        String start = fresh ? " (a fresh JVM, its start not counted)" : "";
        report.note(String.format(Locale.ROOT, "evbus pipe, %s: the bus%s used %.2f s of CPU, %.2f µs per event", bus,
                start, busCpuSeconds, busCpuSeconds * 1e6 / events));
        report.note("evbus pipe, " + bus + ": publish --stdin exited " + publisher.exitValue() + " ("
                + totals.join().strip() + "); the bus's status --json counts " + Report.count(published)
                + " more published; the consumer printed " + Report.count(consumer.lines())
                + (consumer.finishedNanos() != 0 ? " and exited"
                        : " and was still running " + STALL.toSeconds() + " s after its last line: " + consumer.stderrTail()));
        if (publisher.exitValue() != 0 || published != events) {
            throw new IllegalStateException("evbus publish --stdin exited " + publisher.exitValue() + " and the bus counts "
                    + published + " more published of " + events + ": " + totals.join().strip());
        }
        scope.release(consumer);
        return new Run(events, consumer.lines(), ended - started);
    }

    /** Polls until {@code done}, or until {@code count} has not grown for {@link #STALL}. */
    static void awaitEnd(LongSupplier count, BooleanSupplier done) {
        long last = -1;
        long lastChange = System.nanoTime();
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            long current = count.getAsLong();
            if (current != last) {
                last = current;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                return;
            }
            Poll.pause(POLL); // the condition is checked again each turn; the end time is taken elsewhere
        }
    }

    static CompletableFuture<String> readAsync(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
