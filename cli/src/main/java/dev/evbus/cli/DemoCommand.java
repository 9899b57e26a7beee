package dev.evbus.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus demo}: the main job on built-in defaults, in one command. It runs the real
 * commands a user would type, each as its own {@code evbus} process (through {@code bin/evbus}
 * beside the jar when there is one), against a private home: a consumer of the enrichment
 * example's key {@code log.alerts}, which starts the bus; the seed events published; then the bus
 * stopped and the home removed. The alerts are the consumer's stdout; the commands it ran and
 * their own lines go to stderr.
 */
final class DemoCommand implements Callable<Integer> {
    /** How long any one step may take; the demo takes a few seconds. */
    private static final long STEP_SECONDS = 30;
    private static final String READY = "[event] ready ";

    private final CommandSpec spec;
    private final PrintStream err = System.err;

    private DemoCommand() {
        spec = CommandSpecs.command(this, "demo", "Show the main job in one command: on a private bus (a temporary"
                + " EVBUS_HOME, removed at the end), consume the enrichment example's key log.alerts, publish its"
                + " seed events, print the alerts, then stop the bus. Touches nothing of yours.");
    }

    static CommandSpec spec() {
        return new DemoCommand().spec;
    }

    @Override
    public Integer call() throws IOException, InterruptedException, ExecutionException, TimeoutException {
        try (DemoHome home = DemoHome.create()) {
            Map<String, String> env = home.environment(System.getenv());
            err.println("evbus demo: the enrichment example on a private bus (EVBUS_HOME=" + home.dir() + ", removed at the end)");
            err.println("evbus demo: key log.alerts looks each log line's ip up in geo.csv, scores its level, keeps scores >= 7");
            boolean stopped = false;
            try {
                consumeAndPublish(home, env);
                Optional<ProcessHandle> bus = home.busPid().flatMap(ProcessHandle::of);
                err.println("$ evbus stop");
                stopped = run(builder(env, "stop"), "stop") == 0;
                // stop returns once the bus lets go of its lock; the demo returns once the process is gone
                if (stopped && bus.isPresent()) {
                    bus.get().onExit().get(STEP_SECONDS, TimeUnit.SECONDS);
                }
            } finally {
                if (!stopped) {
                    silently(env, "stop", "--all", "--force");
                }
            }
            err.println("evbus demo: done: the bus is stopped and its home removed; to run it yourself, see examples/enrichment");
        }
        return ExitCodes.OK;
    }

    private void consumeAndPublish(DemoHome home, Map<String, String> env) throws IOException, InterruptedException {
        err.println("$ evbus consume log.alerts --max-events 2 &");
        Process consumer = builder(env, "consume", "log.alerts", "--max-events", "2", "--timeout", STEP_SECONDS + "s")
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try {
            CountDownLatch ready = new CountDownLatch(1);
            AtomicBoolean sawReady = new AtomicBoolean();
            List<String> later = Collections.synchronizedList(new ArrayList<>());
            Thread relay = Thread.ofPlatform().name("evbus-demo-stderr").start(() -> relay(consumer, ready, sawReady, later));
            if (!ready.await(STEP_SECONDS, TimeUnit.SECONDS)) {
                throw UserError.failed("demo: the consumer was not ready within " + STEP_SECONDS + " s (its lines are above)");
            }
            if (!sawReady.get()) {
                throw UserError.failed("demo: consume exited " + await(consumer, "consume") + " before it was ready (its lines are above)");
            }
            err.println("$ evbus publish --stdin < events.ndjson");
            int published = run(builder(env, "publish", "--stdin").redirectInput(home.events().toFile()), "publish");
            int consumed = await(consumer, "consume");
            relay.join(TimeUnit.SECONDS.toMillis(STEP_SECONDS));
            later.forEach(err::println);
            if (published != 0 || consumed != 0) {
                throw UserError.failed("demo: " + (published != 0 ? "publish" : "consume") + " exited "
                        + (published != 0 ? published : consumed) + " (its lines are above)");
            }
        } finally {
            consumer.destroyForcibly();
        }
    }

    /**
     * Copies the consumer's stderr to ours up to its ready line, and keeps the lines after it for
     * {@code later}: its exited line then follows publish's, as it does in time.
     */
    private void relay(Process consumer, CountDownLatch ready, AtomicBoolean sawReady, List<String> later) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(consumer.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (ready.getCount() == 0) {
                    later.add(line);
                    continue;
                }
                err.println(line);
                if (line.startsWith(READY)) {
                    sawReady.set(true);
                    ready.countDown();
                }
            }
        } catch (IOException gone) {
            throw new UncheckedIOException(gone);
        } finally {
            ready.countDown(); // a consumer that ended before it was ready: its exit says why
        }
    }

    private static int await(Process process, String what) throws InterruptedException {
        if (!process.waitFor(STEP_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw UserError.failed("demo: " + what + " did not finish within " + STEP_SECONDS + " s");
        }
        return process.exitValue();
    }

    /** Runs a command whose lines all go to stderr: stdout is the alerts' alone. */
    private int run(ProcessBuilder builder, String what) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(err::println);
        }
        return await(process, what);
    }

    /** The clean-up after a failure: its own lines would only repeat what went wrong. */
    private void silently(Map<String, String> env, String... args) throws IOException, InterruptedException {
        await(builder(env, args).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(), args[0]);
    }

    private static ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(PipelineLaunch.cli());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }
}
