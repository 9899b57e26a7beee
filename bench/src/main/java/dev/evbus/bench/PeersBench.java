package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * (c, d) What a user would otherwise pick, measured as the start-up and memory sections measure
 * evbus, each beside the JVM floor of the same run: one message published, launch to exit
 * ({@code mosquitto_pub}, {@code redis-cli PUBLISH}), and an idle subscriber's RSS and PSS
 * ({@code mosquitto_sub}, {@code redis-cli SUBSCRIBE}), each tool against a broker of its own on a
 * Unix socket. A subscriber is read once its memory holds still, then shown to be subscribed: a
 * message published to it must reach its output.
 */
final class PeersBench {
    private static final String TOPIC = "bench.peers";
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

    private final int runs;
    private final JvmFloor floor;
    private final Report report;

    private PeersBench(int runs, JvmFloor floor, Report report) {
        this.runs = runs;
        this.floor = floor;
        this.report = report;
    }

    static void run(int runs, JvmFloor floor, Cleanup scope, Report report) throws Exception {
        PeersBench bench = new PeersBench(runs, floor, report);
        MosquittoForBench.Found mosquitto = MosquittoForBench.find();
        if (mosquitto instanceof MosquittoForBench.Binaries binaries) {
            MosquittoForBench broker = scope.register(MosquittoForBench.start(binaries));
            String name = "mosquitto " + broker.version();
            bench.launchToExit("`mosquitto_pub` of one message (" + name + "), launch to exit", () -> broker.publish(TOPIC, "x"));
            bench.idleSubscriber("an idle `mosquitto_sub` (" + name + ")", broker.subscribe(TOPIC),
                    () -> broker.publish(TOPIC, "probe"), scope);
            scope.release(broker);
        } else {
            report.note("mosquitto: " + ((MosquittoForBench.Missing) mosquitto).why());
        }
        RedisForBench.Found redis = RedisForBench.find();
        if (redis instanceof RedisForBench.Binaries binaries) {
            RedisForBench server = scope.register(RedisForBench.start(binaries));
            String name = "redis " + server.version();
            bench.launchToExit("`redis-cli PUBLISH` of one message (" + name + "), launch to exit",
                    () -> server.cli("PUBLISH", TOPIC, "x"));
            bench.idleSubscriber("an idle `redis-cli SUBSCRIBE` (" + name + ")", server.cli("SUBSCRIBE", TOPIC),
                    () -> server.cli("PUBLISH", TOPIC, "probe"), scope);
            scope.release(server);
        } else {
            report.note("redis: " + ((RedisForBench.Missing) redis).why());
        }
    }

    private void launchToExit(String what, Supplier<ProcessBuilder> command) throws IOException, InterruptedException {
        timeOnce(command.get());
        long[] times = new long[runs];
        long[] floors = new long[runs];
        for (int i = 0; i < runs; i++) {
            times[i] = timeOnce(command.get());
            floors[i] = floor.timeOnce();
        }
        Sample sample = Sample.of(times);
        long floorMedian = Sample.of(floors).median();
        report.measured(what, "median " + Report.millis(sample.median()) + ", p90 " + Report.millis(sample.percentile(0.9))
                + " (" + runs + " runs); floor " + Report.millis(floorMedian) + ", "
                + String.format(Locale.ROOT, "%.2f× the floor", (double) sample.median() / floorMedian));
    }

    private static long timeOnce(ProcessBuilder command) throws IOException, InterruptedException {
        command.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = command.start();
        if (!process.waitFor(EXIT_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command.command()) + " did not exit 0 within " + EXIT_TIMEOUT);
        }
        return System.nanoTime() - start;
    }

    private void idleSubscriber(String what, ProcessBuilder subscriber, Supplier<ProcessBuilder> probe, Cleanup scope)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("evbus-peer", ".out");
        Process process = subscriber.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AutoCloseable stop = scope.register(() -> {
            process.destroyForcibly().waitFor();
            Files.deleteIfExists(output);
        });
        JvmFloor.Blocked hello = scope.register(floor.startBlocked());
        List<String> unsettled = MemorySettle.await(List.of(process.pid(), hello.pid()));
        ResidentMemory.Footprint footprint = ResidentMemory.footprint(process.pid());
        ResidentMemory.Footprint floorFootprint = ResidentMemory.footprint(hello.pid());
        Poll.until(Poll.PATIENCE, what + " to print a message published to it", () -> {
            try {
                DebianTool.output(probe.get(), EXIT_TIMEOUT);
                return Files.readString(output).contains("probe");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        report.measured(what, footprint + "; floor " + floorFootprint);
        if (!unsettled.isEmpty()) {
            report.note(what + ": memory read although it had not settled: " + String.join("; ", unsettled));
        }
        scope.release(hello);
        scope.release(stop);
    }
}
