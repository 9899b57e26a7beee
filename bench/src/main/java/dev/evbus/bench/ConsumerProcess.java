package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real {@code evbus consume} process, by default {@code raw -p type=bench.*}. A thread counts
 * its stdout lines (keeping the first few), another drains its stderr; stdin stays an open pipe so
 * the consumer runs until signalled.
 */
final class ConsumerProcess implements AutoCloseable {
    static final String EVENT_PATTERN = "type=bench.*";
    static final String IDLE_PATTERN = "type=other.*";
    private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

    private final Process process;
    private final long launchedNanos;
    private final OutputCounter output;
    private final StderrWatch stderr;
    /** When the process was reaped, by System.nanoTime; 0 while it runs. */
    private volatile long exitedNanos;

    private ConsumerProcess(Process process, long launchedNanos, OutputCounter output, StderrWatch stderr) {
        this.process = process;
        this.launchedNanos = launchedNanos;
        this.output = output;
        this.stderr = stderr;
    }

    /** Launches {@code evbus consume raw}; {@code latency} (nullable) also reads the stamps in its output. */
    static ConsumerProcess launch(Evbus home, boolean quiet, LatencyRecorder latency) throws IOException {
        return quiet ? launch(home, latency, "-p", EVENT_PATTERN, "--quiet") : launch(home, latency, "-p", EVENT_PATTERN);
    }

    /**
     * A consumer of another event type than the bench publishes: it keeps the bus alive (a bus
     * lives only while someone is attached) without reading, so the log fills with no reader.
     */
    static ConsumerProcess launchIdle(Evbus home) throws IOException {
        return launch(home, null, "-p", IDLE_PATTERN, "--quiet");
    }

    /** Launches {@code evbus consume raw} with these arguments after the key. */
    static ConsumerProcess launch(Evbus home, LatencyRecorder latency, String... rawArgs) throws IOException {
        return launchKey(home, latency, "raw", rawArgs);
    }

    /** Launches {@code evbus consume KEY} with these arguments after the key. */
    static ConsumerProcess launchKey(Evbus home, LatencyRecorder latency, String key, String... keyArgs)
            throws IOException {
        String[] args = new String[keyArgs.length + 2];
        args[0] = "consume";
        args[1] = key;
        System.arraycopy(keyArgs, 0, args, 2, keyArgs.length);
        ProcessBuilder builder = home.command(args);
        long launched = System.nanoTime();
        Process process = builder.start();
        OutputCounter output = new OutputCounter(process.getInputStream(), latency);
        StderrWatch stderr = new StderrWatch(process.getErrorStream());
        Thread.ofPlatform().daemon().name("stdout-" + process.pid()).start(output);
        Thread.ofPlatform().daemon().name("stderr-" + process.pid()).start(stderr);
        ConsumerProcess consumer = new ConsumerProcess(process, launched, output, stderr);
        // taken by the JDK's reaper thread as it reaps the process, not by whoever polls next
        process.onExit().thenRun(() -> consumer.exitedNanos = System.nanoTime());
        return consumer;
    }

    long pid() {
        return process.pid();
    }

    long lines() {
        return output.lines();
    }

    /** The first lines it printed (up to {@link OutputCounter#HEAD_LINES}), for checking what it prints. */
    List<String> head() {
        return output.head();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    long lastArrivalNanos() {
        return output.lastArrivalNanos();
    }

    /** When it exited (System.nanoTime), once it has and its stdout is read to the end; 0 before that. */
    long finishedNanos() {
        return output.ended() ? exitedNanos : 0;
    }

    /** The last lines it printed on stderr, for error messages. */
    String stderrTail() {
        return stderr.tail();
    }

    /** Time from launch to the {@code [event] ready} line (needs a consumer started without --quiet). */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        long ready = stderr.awaitReady(timeout);
        if (ready == 0) {
            throw new IllegalStateException("consumer pid " + pid() + " printed no ready line within " + timeout
                    + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")") + ": " + stderr.tail());
        }
        return Duration.ofNanos(ready - launchedNanos);
    }

    /** Sends SIGTERM without waiting, so many consumers can wind down at once. */
    void signalStop() {
        process.destroy();
    }

    @Override
    public void close() throws InterruptedException {
        signalStop();
        if (!process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
