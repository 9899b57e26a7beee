package dev.evbus.bus.served;

import dev.evbus.event.TimeSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One served pipeline: an {@code evbus consume KEY --durable pipeline.NAME} process that the bus
 * starts, watches and restarts. Running it in a process of its own is what isolates it: a stage
 * that runs away, or a crash, costs that process, never the bus or another pipeline. Its output
 * lines are dropped (its effects, a webhook or a publish sink, are its point); its stderr goes to
 * the bus's log, and its last warning is kept as the last error.
 *
 * <p>States, one thread moving between them:
 * <pre>
 *   STARTING --process started--> RUNNING --process exited--> RESTARTING --back-off passed--> STARTING
 *       any state --stop()--> STOPPED (the process gets SIGTERM, then SIGKILL after {@link #STOP_PATIENCE})
 * </pre>
 * The back-off doubles from {@link #FIRST_BACKOFF} to {@link #MAX_BACKOFF}, and starts again from
 * the first once a process ran for {@link #STEADY} (a pipeline that keeps failing at start is not
 * restarted in a tight loop; one that failed once after a long run comes back quickly). Time comes
 * from the injected {@code clock}.
 */
final class ServedPipeline {
    enum State { STARTING, RUNNING, RESTARTING, STOPPED }

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final Duration STEADY = Duration.ofSeconds(60);
    static final Duration STOP_PATIENCE = Duration.ofSeconds(15);

    private final PipelineSpec spec;
    private final Function<List<String>, List<String>> command;
    private final Map<String, String> env;
    private final Consumer<String> info;
    private final Consumer<String> warn;
    private final TimeSource clock;

    /** Guards the fields below and wakes a back-off wait when the pipeline is stopped. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private boolean stopping;
    private Process process;
    private Thread supervisor;

    // Read by status queries from any thread.
    private volatile State state = State.STARTING;
    private volatile long pid;
    private volatile long restarts;
    private volatile String lastError;

    ServedPipeline(PipelineSpec spec, Function<List<String>, List<String>> command, Map<String, String> env,
                   Consumer<String> info, Consumer<String> warn, TimeSource clock) {
        this.spec = spec;
        this.command = command;
        this.env = env;
        this.info = info;
        this.warn = warn;
        this.clock = clock;
    }

    PipelineSpec spec() {
        return spec;
    }

    State state() {
        return state;
    }

    long pid() {
        return pid;
    }

    long restarts() {
        return restarts;
    }

    String lastError() {
        return lastError;
    }

    void start() {
        supervisor = Thread.ofPlatform().daemon().name("evbus-pipeline-" + spec.name()).start(this::supervise);
    }

    private void supervise() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            long startedAt = clock.nanoTime();
            int exit;
            try {
                exit = runOnce();
            } catch (IOException | RuntimeException cannotStart) {
                lastError = "cannot start: " + cannotStart.getMessage();
                exit = -1;
            }
            if (exit == Integer.MIN_VALUE) {
                break; // stopped
            }
            if (clock.nanoTime() - startedAt >= STEADY.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            restarts++;
            state = State.RESTARTING;
            warn.accept("pipeline " + spec.name() + " (key " + spec.key() + ") exited with status " + exit
                    + "; restarting in " + backoff.toMillis() + " ms");
            if (!awaitBackoff(backoff)) {
                break;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
        state = State.STOPPED;
    }

    /** Runs the process to its end; its exit status, or {@code Integer.MIN_VALUE} when stopped. */
    private int runOnce() throws IOException {
        Process started;
        lock.lock();
        try {
            if (stopping) {
                return Integer.MIN_VALUE;
            }
            state = State.STARTING;
            ProcessBuilder builder = new ProcessBuilder(command.apply(spec.consumeArguments()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().clear();
            builder.environment().putAll(env);
            started = builder.start();
            process = started;
            pid = started.pid();
            state = State.RUNNING;
        } finally {
            lock.unlock();
        }
        info.accept("pipeline " + spec.name() + " (key " + spec.key() + ") started: pid " + started.pid());
        pump(started);
        while (true) {
            try {
                int exit = started.waitFor();
                lock.lock();
                try {
                    process = null;
                    return stopping ? Integer.MIN_VALUE : exit;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException ignored) {
                // only the process's end ends the wait
            }
        }
    }

    /** The process's stderr, line by line, into the bus's log; a warning becomes the last error. */
    private void pump(Process started) {
        Thread.ofVirtual().name("evbus-pipeline-log").start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    String shown = line.length() > 1_000 ? line.substring(0, 1_000) + "…" : line;
                    info.accept("pipeline " + spec.name() + ": " + shown);
                    if (line.startsWith("[event] warning") || line.startsWith("evbus: ")) {
                        lastError = shown;
                    }
                }
            } catch (IOException closed) {
                // the process ended
            }
        });
    }

    /** Waits out the back-off; false when the pipeline was stopped meanwhile. */
    private boolean awaitBackoff(Duration backoff) {
        lock.lock();
        try {
            long left = backoff.toNanos();
            while (!stopping && left > 0) {
                left = stopped.awaitNanos(left);
            }
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops the pipeline: SIGTERM to its process, which commits its cursor and exits as any consumer
     * does on a signal; SIGKILL if it has not within {@link #STOP_PATIENCE}. Returns once it is gone.
     */
    void stop() {
        Process running;
        lock.lock();
        try {
            stopping = true;
            stopped.signalAll();
            running = process;
        } finally {
            lock.unlock();
        }
        if (running != null) {
            running.destroy();
            try {
                if (!running.waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                    warn.accept("pipeline " + spec.name() + " did not stop within " + STOP_PATIENCE.toSeconds()
                            + " s of SIGTERM: killed");
                    running.destroyForcibly().waitFor(STOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Thread thread = supervisor;
        if (thread != null) {
            try {
                thread.join(STOP_PATIENCE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = State.STOPPED;
    }
}
