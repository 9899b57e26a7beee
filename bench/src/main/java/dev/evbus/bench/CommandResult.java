package dev.evbus.bench;

import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** How one short-lived command ended. */
record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {
    private static final Duration EVBUS_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Runs a command to its end with stdin closed, timed from just before the launch to its exit
     * with both outputs read. Every launch-to-exit figure (evbus commands and the JVM floor's hello
     * world) is timed here, so they are compared like for like.
     */
    static CommandResult run(ProcessBuilder builder, String what, Duration timeout) throws IOException {
        long started = System.nanoTime();
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        String stdout = readAll(process.getInputStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in " + timeout);
            }
            return new CommandResult(process.exitValue(), stdout, stderr.join(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs {@code evbus ARGS...} in this installation to its end, timed as {@link #run} times every command. */
    static CommandResult evbus(Evbus home, String... args) throws IOException {
        return run(home.command(args), "evbus " + String.join(" ", args), EVBUS_TIMEOUT);
    }

    CommandResult requireSuccess(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " exited " + exitCode + ": " + stderr.strip());
        }
        return this;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
