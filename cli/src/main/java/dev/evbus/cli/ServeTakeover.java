package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import dev.evbus.busctl.BusAdoption;
import dev.evbus.config.AppPaths;
import dev.evbus.event.TimeSource;
import dev.evbus.protocol.JsonText;
import dev.evbus.transport.SocketAddresses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * {@code evbus serve} ends with exactly one bus for the app, running until serve is stopped: its
 * own, or, when a consumer's bus holds the app's lock, that one, adopted (serve takes the lock
 * only at its turn on the fork lock, so a bus a consumer is starting is waited for and adopted,
 * never left to start after serve's; decision 0037). Adopted, the
 * bus keeps every consumer and event and stops idling out; serve's SIGTERM or SIGINT stops it (as
 * it stops serve's own bus) and serve exits 0 once it is gone. A bus that is starting or stopping
 * does not answer yet: serve tries the lock and the socket again until {@link #PATIENCE} runs out.
 *
 * <p>Exit codes: those of {@link BusDaemon#run} for serve's own bus; for an adopted one, 0 after
 * a signal or an {@code evbus stop}, 1 when it ended without a farewell (it crashed; see bus.log)
 * or no bus answered within {@link #PATIENCE}.
 */
final class ServeTakeover {
    static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Between two tries while the running bus does not answer: it is binding its socket, or leaving. */
    private static final long RETRY_MILLIS = 100;
    private static final Duration BUS_EXIT_PATIENCE = Duration.ofSeconds(15);

    private final BusDaemon.Options options;
    private final PrintStream err;
    private final TimeSource clock;

    ServeTakeover(BusDaemon.Options options, PrintStream err, TimeSource clock) {
        this.options = options;
        this.err = err;
        this.clock = clock;
    }

    int run() {
        AppPaths paths = options.home().app(options.appId());
        long deadline = clock.nanoTime() + PATIENCE.toNanos();
        while (true) {
            int exit = BusDaemon.runUnlessRunning(options, err);
            if (exit != BusDaemon.ANOTHER_BUS) {
                return exit;
            }
            BusAdoption.Attempt attempt;
            try {
                attempt = BusAdoption.adopt(SocketAddresses.forApp(paths), ProcessHandle.current().pid());
            } catch (IOException e) {
                attempt = new BusAdoption.Attempt.NoAnswer();
            }
            if (attempt instanceof BusAdoption.Attempt.Held held) {
                try (BusAdoption adoption = held.adoption()) {
                    return hold(adoption, paths);
                }
            }
            if (attempt instanceof BusAdoption.Attempt.Refused refused) {
                err.println("evbus: a bus for app " + JsonText.quote(options.appId()) + " is already running, "
                        + refused.reason() + "; stop it first (`evbus --app " + options.appId() + " stop`)");
                return ExitCodes.FAILED;
            }
            if (clock.nanoTime() - deadline > 0) {
                err.println("evbus: a bus for app " + JsonText.quote(options.appId()) + " holds its lock but did not answer on "
                        + paths.dir() + " within " + PATIENCE.toSeconds() + " s; see " + paths.logFile());
                return ExitCodes.FAILED;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.FAILED;
            }
        }
    }

    private int hold(BusAdoption adoption, AppPaths paths) {
        long pid = adoption.busPid();
        AtomicBoolean stopping = new AtomicBoolean();
        sun.misc.SignalHandler stop = signal -> {
            if (stopping.compareAndSet(false, true)) {
                try {
                    adoption.stop();
                } catch (IOException gone) {
                    // the bus is gone already; awaitEnd sees it
                }
            }
        };
        Signal.handle(new Signal("TERM"), stop);
        Signal.handle(new Signal("INT"), stop);
        Path log = paths.logFile();
        err.println("evbus: serving the running bus of app " + JsonText.quote(options.appId()) + " (pid " + pid
                + ", started by a consumer): adopted, it no longer idles out and stops with this process; its log is " + log);
        BusAdoption.End end = adoption.awaitEnd();
        if (!stopping.get() && !end.farewell()) {
            err.println("evbus: the adopted bus (pid " + pid + ") ended without stopping; see " + log);
            return ExitCodes.FAILED;
        }
        awaitExit(pid);
        err.println("evbus: the adopted bus (pid " + pid + ") stopped" + (end.message() == null ? "" : ": " + end.message()));
        return ExitCodes.OK;
    }

    /** The bus closes its connections before it has tidied up: serve ends only after the bus has. */
    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(bus -> {
            try {
                bus.onExit().get(BUS_EXIT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                // it is on its way out; serve's exit must not wait on it for ever
            }
        });
    }
}
