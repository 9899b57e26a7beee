package dev.evbus.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private {@code EVBUS_HOME} under {@code /tmp} (short, so the socket path fits) with the
 * launcher pointed at it. Closing it stops every bus in it, kills one that will not stop, and
 * deletes the directory.
 */
final class BusHome implements AutoCloseable {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Path launcher;
    private final Path dir;
    private final String idleTimeout;
    private final ObjectMapper json = new ObjectMapper();

    private BusHome(Path launcher, Path dir, String idleTimeout) {
        this.launcher = launcher;
        this.dir = dir;
        this.idleTimeout = idleTimeout;
    }

    /** A fresh empty home; a bus started in it exits after {@code idleTimeout} without consumers. */
    static BusHome create(Path launcher, String idleTimeout) throws IOException {
        return new BusHome(launcher, Files.createTempDirectory(Path.of("/tmp"), "evbb"), idleTimeout);
    }

    /**
     * A fresh home whose default app has this {@code retention} section (JSON object text, e.g.
     * {@code {"max_bytes":"512MiB","durable":true}}) in {@code apps/default.json}, written before
     * any bus starts, since a bus reads it once at start-up.
     */
    static BusHome create(Path launcher, String idleTimeout, String retentionJson) throws IOException {
        BusHome home = create(launcher, idleTimeout);
        Path apps = Files.createDirectories(home.dir.resolve("apps"));
        Files.writeString(apps.resolve("default.json"), "{\"retention\":" + retentionJson + "}\n");
        return home;
    }

    Path dir() {
        return dir;
    }

    /** A process builder for {@code bin/evbus args...} in this home. */
    ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("EVBUS_HOME", dir.toString());
        builder.environment().put("EVBUS_IDLE_TIMEOUT", idleTimeout);
        builder.environment().remove("EVBUS_APP");
        return builder;
    }

    /** Runs a short command to its end with stdin closed, timed from launch to exit. */
    CommandResult run(String... args) throws IOException {
        return CommandResult.run(command(args), "evbus " + String.join(" ", args), COMMAND_TIMEOUT);
    }

    BusStatus status() throws IOException {
        CommandResult result = run("status", "--json", "--current").requireSuccess("evbus status");
        return BusStatus.parse(json.readTree(result.stdout()));
    }

    /** Polls {@code status} until at least {@code count} consumers are attached. */
    BusStatus awaitConsumers(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            BusStatus status = status();
            if (status.running() && status.consumers().size() >= count) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeout + " for " + count + " consumers, the bus shows "
                        + status.consumers().size() + " (state " + status.state() + ")");
            }
            sleep(POLL);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            run("stop", "--all", "--force");
        } finally {
            killLeftoverBuses();
            deleteTree();
        }
    }

    /** A bus that survived {@code stop --force} (it should not): end it by the pid in its pid file. */
    private void killLeftoverBuses() throws IOException {
        Path events = dir.resolve("events");
        if (!Files.isDirectory(events)) {
            return;
        }
        try (Stream<Path> apps = Files.list(events)) {
            for (Path pidFile : apps.map(app -> app.resolve("bus.pid")).filter(Files::isRegularFile).toList()) {
                String first = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
                if (first.matches("[0-9]+")) {
                    ProcessHandle.of(Long.parseLong(first))
                            .filter(bus -> bus.info().commandLine().orElse("").contains("_bus"))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        }
    }

    private void deleteTree() throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
