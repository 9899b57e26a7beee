package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.busctl.NoBusException;
import dev.evbus.busdiscover.FileLocks;
import dev.evbus.config.AppPaths;
import dev.evbus.config.PrivatePaths;
import dev.evbus.config.UnsafePathException;
import dev.evbus.event.TimeSource;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds the app's bus or starts one. Starting happens under {@code bus.fork.lock}, so when many
 * consumers arrive at once exactly one forks the bus and the rest find it; and only once no other
 * bus holds the alive lock, so a consumer arriving while a bus stops waits for it and starts the next.
 * {@code evbus serve} takes the alive lock only under the fork lock too (decision 0037), so no bus
 * answers on the socket while the one forked here is starting and this consumer waits for it.
 */
final class BusStarter {
    /** How long a freshly forked bus may take to answer; JVM start-up on a busy machine needs seconds. */
    static final Duration START_PATIENCE = Duration.ofSeconds(10);
    /**
     * How long to wait for a stopping bus to exit: it waits up to a cleanup's limit (60 s) and
     * some grace for its cleanups before it lets go of the alive lock.
     */
    static final Duration STOPPING_PATIENCE = Duration.ofSeconds(80);
    /**
     * How often to look for the socket of a bus being started or stopped. A consumer's ready line
     * waits for the first look after the bus binds, so half this interval is added to its start on
     * average; a look that finds nothing is a stat of the socket path (a few microseconds), so
     * looking often costs nothing a user would see.
     */
    private static final long POLL_MS = 5;

    private BusStarter() {
    }

    /** A connection to a live bus, starting it first if needed. */
    static BusConnection connect(AppPaths paths, Path socket, Supplier<List<String>> busCommand, TimeSource clock)
            throws ConsumeFailure {
        try {
            return BusConnection.open(socket);
        } catch (NoBusException none) {
            // start one below
        } catch (IOException e) {
            throw ConsumeFailure.failed("cannot reach the bus on " + socket + ": " + e.getMessage());
        }
        FileLocks.Held forkLock;
        try {
            forkLock = lockForFork(paths);
        } catch (UnsafePathException refused) {
            throw ConsumeFailure.badInput(refused.getMessage());
        } catch (IOException e) {
            // no bus.log to point to: its directory is what could not be made
            throw ConsumeFailure.failed("cannot prepare " + paths.dir() + ": " + e.getMessage()
                    + " (EVBUS_HOME must name a directory this user can create and write)");
        }
        try (forkLock) {
            return startUnderForkLock(paths, socket, busCommand, clock);
        } catch (UnsafePathException refused) {
            throw ConsumeFailure.badInput(refused.getMessage());
        } catch (IOException e) {
            throw ConsumeFailure.failed("cannot start the bus: " + e.getMessage() + " (see " + paths.logFile() + ")");
        }
    }

    /**
     * Nothing answers on the socket. If a process still holds the alive lock, a bus is stopping
     * (it removed its socket first and exits once its cleanups end): a bus forked now would find
     * the lock taken and exit at once, so wait for the lock to go, then fork.
     */
    private static BusConnection startUnderForkLock(AppPaths paths, Path socket, Supplier<List<String>> busCommand,
            TimeSource clock) throws IOException, ConsumeFailure {
        long deadline = clock.nanoTime() + STOPPING_PATIENCE.toNanos();
        while (true) {
            try {
                return BusConnection.open(socket);
            } catch (NoBusException stillNone) {
                // fork below, once no other bus holds the alive lock
            }
            if (!FileLocks.isHeldElsewhere(paths.aliveLock())) {
                Optional<BusConnection> started = fork(paths, socket, busCommand, clock);
                if (started.isPresent()) {
                    return started.get();
                }
                // it exited quietly: another bus took the lock first; find it, or wait for it to go
            }
            if (clock.nanoTime() - deadline > 0) {
                throw ConsumeFailure.failed("a bus process holds " + paths.aliveLock() + " but does not answer on "
                        + socket + " (see " + paths.logFile() + "; `evbus stop --force` ends it)");
            }
            pause();
        }
    }

    private static FileLocks.Held lockForFork(AppPaths paths) throws IOException {
        paths.ensureDirectory();
        return FileLocks.acquire(paths.forkLock());
    }

    /** Starts a bus; empty when it exited quietly without answering (another bus held the alive lock). */
    private static Optional<BusConnection> fork(AppPaths paths, Path socket, Supplier<List<String>> busCommand,
            TimeSource clock) throws IOException, ConsumeFailure {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid); // its own session: a terminal's Ctrl-C for the consumer must not reach the bus
                break;
            }
        }
        command.addAll(busCommand.get());
        PrivatePaths.file(paths.logFile()); // refuses a planted link: the redirect below would follow it
        long logStart = BusRefusal.end(paths.logFile());
        Process bus = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.logFile().toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = clock.nanoTime() + START_PATIENCE.toNanos();
        while (clock.nanoTime() - deadline < 0) {
            try {
                return Optional.of(BusConnection.open(socket));
            } catch (NoBusException notYet) {
                if (!bus.isAlive()) {
                    if (bus.exitValue() != 0) {
                        String see = " (see " + paths.logFile() + ")";
                        throw BusRefusal.read(paths.logFile(), logStart)
                                // the bus's 2 is a config it refuses: bad input for this command too
                                .map(reason -> new ConsumeFailure(bus.exitValue() == 2 ? 2 : 1,
                                        "the bus did not start: " + reason + see))
                                .orElseGet(() -> ConsumeFailure.failed("the bus exited with status " + bus.exitValue()
                                        + " at start-up" + see));
                    }
                    if (!socketAnswers(socket)) {
                        return Optional.empty();
                    }
                }
            }
            pause();
        }
        throw ConsumeFailure.failed("the bus did not answer within " + START_PATIENCE.toSeconds() + " s (see "
                + paths.logFile() + ")");
    }

    private static boolean socketAnswers(Path socket) throws IOException {
        try (BusConnection probe = BusConnection.open(socket)) {
            return true;
        } catch (NoBusException none) {
            return false;
        }
    }

    private static void pause() throws ConsumeFailure {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConsumeFailure.failed("interrupted while starting the bus");
        }
    }
}
