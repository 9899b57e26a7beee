package dev.evbus.consume;

import dev.evbus.busctl.BusConnection;
import dev.evbus.busctl.NoBusException;
import dev.evbus.busdiscover.FileLocks;
import dev.evbus.event.AppPaths;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the app's bus or starts one. Starting happens under {@code bus.fork.lock}, so when many
 * consumers arrive at once exactly one forks the bus and the rest find it.
 */
final class BusStarter {
    /** How long a freshly forked bus may take to answer; JVM start-up on a busy machine needs seconds. */
    static final Duration START_PATIENCE = Duration.ofSeconds(10);
    private static final long POLL_MS = 20;

    private BusStarter() {
    }

    /** A connection to a live bus, starting it first if needed. */
    static BusConnection connect(AppPaths paths, Path socket, List<String> busCommand) throws ConsumeFailure {
        try {
            return BusConnection.open(socket);
        } catch (NoBusException none) {
            // start one below
        } catch (IOException e) {
            throw ConsumeFailure.failed("cannot reach the bus on " + socket + ": " + e.getMessage());
        }
        try (FileLocks.Held forkLock = lockForFork(paths)) {
            try {
                return BusConnection.open(socket);
            } catch (NoBusException stillNone) {
                return fork(paths, socket, busCommand);
            }
        } catch (IOException e) {
            throw ConsumeFailure.failed("cannot start the bus: " + e.getMessage() + " (see " + paths.logFile() + ")");
        }
    }

    private static FileLocks.Held lockForFork(AppPaths paths) throws IOException {
        paths.ensureDirectory();
        return FileLocks.acquire(paths.forkLock());
    }

    private static BusConnection fork(AppPaths paths, Path socket, List<String> busCommand) throws IOException, ConsumeFailure {
        List<String> command = new ArrayList<>();
        for (String setsid : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(setsid))) {
                command.add(setsid); // its own session: a terminal's Ctrl-C for the consumer must not reach the bus
                break;
            }
        }
        command.addAll(busCommand);
        AppPaths.ensurePrivateFile(paths.logFile());
        Process bus = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.logFile().toFile()))
                .redirectErrorStream(true)
                .start();
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                return BusConnection.open(socket);
            } catch (NoBusException notYet) {
                if (!bus.isAlive() && bus.exitValue() != 0) {
                    throw ConsumeFailure.failed("the bus exited with status " + bus.exitValue() + " at start-up (see "
                            + paths.logFile() + ")");
                }
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw ConsumeFailure.failed("the bus did not answer within " + START_PATIENCE.toSeconds() + " s (see "
                + paths.logFile() + ")");
    }
}
