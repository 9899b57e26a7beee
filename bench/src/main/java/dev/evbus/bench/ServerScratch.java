package dev.evbus.bench;

import dev.evbus.testkit.Poll;
import dev.evbus.testkit.ScratchDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the bench started in a scratch directory of its own (redis-server, mosquitto): waited for
 * until it answers, then ended and its directory removed.
 */
final class ServerScratch {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private ServerScratch() {
    }

    /** Whether the server answers yet: true once it does; false or an IOException while it does not. */
    interface Answers {
        boolean yet() throws IOException, InterruptedException;
    }

    /**
     * Returns once {@code answers} says so. Fails, with the last lines of {@code log}, when the
     * server exits first or does not answer within {@code timeout}.
     */
    static void awaitAnswer(String name, Process process, Path log, Duration timeout, Answers answers)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited " + process.exitValue() + ": " + logTail(log));
            }
            try {
                if (answers.yet()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer within " + timeout + ": " + logTail(log));
            }
            Poll.pause(Duration.ofMillis(20)); // the condition is checked again each turn
        }
    }

    private static String logTail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    /** Asks the server to stop, kills it if it has not within the timeout, then deletes {@code dir}. */
    static void stop(Process process, Path dir) throws IOException, InterruptedException {
        try {
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            ScratchDir.delete(dir);
        }
    }
}
