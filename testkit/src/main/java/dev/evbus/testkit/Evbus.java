package dev.evbus.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * One evbus installation: a private home under a short temporary directory, the real launcher,
 * and every process started from it, all stopped when it is closed (when the test or the bench
 * section ends).
 */
public final class Evbus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration COMMAND_PATIENCE = Duration.ofSeconds(60);

    private final Path root;
    private final Path base;
    private final Path home;
    private final Path workDir;
    private final Map<String, String> env = new HashMap<>();
    private final List<EvbusProcess> started = new CopyOnWriteArrayList<>();
    private int processCount;

    private Evbus(Path root, Path base, Map<String, String> inherited, String idleTimeout) throws IOException {
        this.root = root;
        this.base = base;
        this.home = Files.createDirectory(base.resolve("h"));
        this.workDir = Files.createDirectory(base.resolve("w"));
        env.putAll(inherited);
        env.put("EVBUS_HOME", home.toString());
        env.put("EVBUS_IDLE_TIMEOUT", idleTimeout);
    }

    /**
     * A fresh installation in a new directory directly under /tmp (socket paths stay far below the
     * limit) that ignores the caller's {@code EVBUS_*} variables, so a developer's shell cannot steer
     * a test; a bus started in it exits after 2 s without consumers.
     */
    public static Evbus create() throws IOException {
        Map<String, String> inherited = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (!name.startsWith("EVBUS_")) {
                inherited.put(name, value);
            }
        });
        return new Evbus(EvbusRoot.find(), Files.createTempDirectory(Path.of("/tmp"), "e"), inherited, "2s");
    }

    /**
     * A fresh installation of the checkout at {@code root} that keeps the caller's own {@code EVBUS_*}
     * settings (JVM options, AOT, the JDK) but not its app, so a measurement can compare them; a bus
     * started in it exits after {@code idleTimeout} without consumers.
     */
    public static Evbus keepingSettings(Path root, String idleTimeout) throws IOException {
        Map<String, String> inherited = new HashMap<>(System.getenv());
        inherited.remove("EVBUS_APP");
        return new Evbus(root, Files.createTempDirectory(Path.of("/tmp"), "e"), inherited, idleTimeout);
    }

    /** The directory holding the home (and the working directory): nothing may appear here besides those two. */
    public Path base() {
        return base;
    }

    public Path home() {
        return home;
    }

    public Path workDir() {
        return workDir;
    }

    public Path launcher() {
        return root.resolve("bin/evbus");
    }

    public Path root() {
        return root;
    }

    /** Sets an environment variable for every process started after this call. */
    public Evbus env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public Path appDir(String app) {
        return home.resolve("events").resolve(app);
    }

    public Path appDir() {
        return appDir("default");
    }

    /** Writes {@code $EVBUS_HOME/apps/<app>.json} (mode 0600) with the given JSON text. */
    public Path writeAppConfig(String app, String json) {
        Path file = home.resolve("apps").resolve(app + ".json");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path writeAppConfig(String json) {
        return writeAppConfig("default", json);
    }

    public Path busLog() {
        return appDir().resolve("bus.log");
    }

    public List<String> busLogLines() {
        return readLines(busLog());
    }

    /** The pid recorded in the default app's bus.pid, if the file exists. */
    public Optional<Long> pidFromFile() {
        List<String> lines = readLines(appDir().resolve("bus.pid"));
        return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    }

    /** The running bus's pid (from bus.pid); fails when there is none. */
    public long busPid() {
        return pidFromFile().orElseThrow(() -> new AssertionError("no bus.pid in " + appDir()));
    }

    /** Waits until a process (a bus going idle, say) has exited. */
    public static void awaitProcessExit(long pid) {
        ProcessHandle.of(pid).ifPresent(handle -> Poll.until(Poll.PATIENCE, "process " + pid + " to exit", () -> !handle.isAlive()));
    }

    /** Starts {@code evbus ARGS...} with stdin as an open pipe. */
    public EvbusProcess start(String... args) {
        return launch("evbus " + String.join(" ", args), command(args));
    }

    /**
     * A process builder for {@code evbus ARGS...} in this installation, for a caller that reads the
     * output its own way (a measurement counting millions of lines); the caller ends what it starts.
     */
    public ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        return builder(command);
    }

    /** Starts {@code bash -c SCRIPT} in the same environment, for pipelines. */
    public EvbusProcess shell(String script) {
        return launch("bash -c " + script, builder(List.of("bash", "-c", script)));
    }

    private ProcessBuilder builder(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder;
    }

    private EvbusProcess launch(String description, ProcessBuilder builder) {
        List<String> command = builder.command();
        try {
            EvbusProcess process = new EvbusProcess("#" + (++processCount) + " " + shorten(description), builder.start());
            started.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** Starts a consumer and waits for its ready line. */
    public EvbusProcess consumeReady(String... args) {
        return consume(args).awaitReady();
    }

    public EvbusProcess consume(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "consume";
        System.arraycopy(args, 0, full, 1, args.length);
        return start(full);
    }

    /** Runs a short command to its end with an empty stdin. */
    public CommandResult run(String... args) {
        return runWithInput("", args);
    }

    /** Runs a short command to its end, feeding {@code input} on stdin. */
    public CommandResult runWithInput(String input, String... args) {
        EvbusProcess process = start(args);
        try (OutputStream in = process.stdin()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it exited without reading its input; its exit code tells why
        }
        int exit = process.awaitExit(COMMAND_PATIENCE);
        return new CommandResult(exit, process.stdout(), process.stderr());
    }

    /** Publishes NDJSON lines through {@code publish --stdin}; fails unless everything was accepted. */
    public CommandResult publishLines(List<String> lines) {
        CommandResult result = runWithInput(String.join("\n", lines) + "\n", "publish", "--stdin");
        if (result.exitCode() != 0) {
            throw new AssertionError("publish failed\n" + result);
        }
        return result;
    }

    /** Publishes one event with an id; fails unless it was accepted. */
    public CommandResult publish(String type, String id, String data) {
        CommandResult result = run("publish", type, "--id", id, "--data", data);
        if (result.exitCode() != 0) {
            throw new AssertionError("publish failed\n" + result);
        }
        return result;
    }

    /** The current app's entry of {@code status --json --current}. */
    public JsonNode status() {
        return status("default");
    }

    public JsonNode status(String app) {
        CommandResult result = run("--app", app, "status", "--json", "--current");
        if (result.exitCode() != 0) {
            throw new AssertionError("status failed\n" + result);
        }
        JsonNode buses = parse(result.stdoutText()).path("buses");
        if (buses.size() != 1) {
            throw new AssertionError("status --current listed " + buses.size() + " buses\n" + result);
        }
        return buses.get(0);
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** Waits until the current app's bus lists {@code count} consumers; returns that status. */
    public JsonNode awaitConsumers(int count) {
        return awaitStatus(Poll.PATIENCE, count + " consumer(s) in status", bus -> bus.path("consumers").size() == count);
    }

    /** Polls the current app's status until {@code wanted} holds; returns that status. */
    public JsonNode awaitStatus(Duration patience, String what, Predicate<JsonNode> wanted) {
        JsonNode[] last = new JsonNode[1];
        Poll.until(patience, what, () -> {
            last[0] = status();
            return wanted.test(last[0]);
        }, () -> String.valueOf(last[0]));
        return last[0];
    }

    public static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ends every process the test started, stops every bus of this home, and removes the directory. */
    @Override
    public void close() throws IOException {
        Teardown.end(this, started);
    }
}
