package dev.evbus.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process started from the launcher, as a script would run it: stdin is a pipe the test holds
 * open (a consumer stops when it closes), stdout and stderr are collected line by line as they come.
 */
public final class EvbusProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String READY = "[event] ready event_key=";
    public static final String EXITED = "[event] exited";

    private final String name;
    private final Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final Thread stdoutReader;
    private final Thread stderrReader;

    EvbusProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdoutReader = collect(process.getInputStream(), stdout, "stdout");
        this.stderrReader = collect(process.getErrorStream(), stderr, "stderr");
    }

    private Thread collect(InputStream stream, List<String> lines, String which) {
        return Thread.ofPlatform().daemon().name(name + "-" + which).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException closed) {
                // the process is gone; what was read is kept
            }
        });
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public List<String> stdout() {
        synchronized (stdout) {
            return List.copyOf(stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** How many stdout lines have arrived so far, without copying them. */
    public int stdoutCount() {
        return stdout.size();
    }

    /** The stdout lines parsed as JSON, one object per line. */
    public List<JsonNode> stdoutJson() {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : stdout()) {
            try {
                nodes.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError(name + " printed a line that is not JSON: " + line, e);
            }
        }
        return nodes;
    }

    /** The event_id of every event printed so far. */
    public List<String> eventIds() {
        return stdoutJson().stream().map(event -> event.path("event_id").asText()).toList();
    }

    public EvbusProcess awaitReady() {
        awaitStderr(line -> line.startsWith(READY), "the ready line");
        return this;
    }

    /** Waits for a stderr line and returns it. */
    public String awaitStderr(Predicate<String> wanted, String what) {
        return awaitLine(stderr, wanted, what);
    }

    public String awaitStderrContaining(String text) {
        return awaitStderr(line -> line.contains(text), "a stderr line containing \"" + text + "\"");
    }

    /** Waits for a stdout line containing {@code text} and returns it. */
    public String awaitStdoutContaining(String text) {
        return awaitStdoutContaining(text, Poll.PATIENCE);
    }

    public String awaitStdoutContaining(String text, Duration patience) {
        return awaitLine(stdout, line -> line.contains(text), "a stdout line containing \"" + text + "\"", patience);
    }

    private String awaitLine(List<String> lines, Predicate<String> wanted, String what) {
        return awaitLine(lines, wanted, what, Poll.PATIENCE);
    }

    private String awaitLine(List<String> lines, Predicate<String> wanted, String what, Duration patience) {
        Poll.until(patience, name + " to print " + what, () -> first(lines, wanted) != null || !readersRunning(),
                this::describe);
        String line = first(lines, wanted);
        if (line == null) {
            throw new AssertionError(name + " ended without printing " + what + "\n" + describe());
        }
        return line;
    }

    private static String first(List<String> lines, Predicate<String> wanted) {
        synchronized (lines) {
            return lines.stream().filter(wanted).findFirst().orElse(null);
        }
    }

    public void awaitStdoutLines(int count) {
        awaitStdoutLines(count, Poll.PATIENCE);
    }

    public void awaitStdoutLines(int count, Duration patience) {
        Poll.until(patience, name + " to print " + count + " stdout line(s)", () -> stdout.size() >= count || !readersRunning(),
                this::describe);
        if (stdout.size() < count) {
            throw new AssertionError(name + " ended after " + stdout.size() + " of " + count + " stdout lines\n" + describe());
        }
    }

    /** The one {@code [event] exited} line; fails when there is none or more than one. */
    public String exitedLine() {
        List<String> lines = stderr().stream().filter(line -> line.startsWith(EXITED)).toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected one exited line from " + name + "\n" + describe());
        }
        return lines.get(0);
    }

    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public OutputStream stdin() {
        return process.getOutputStream();
    }

    /** SIGTERM, the polite stop. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: no hook, no goodbye. */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /** Sends a signal by name (STOP, CONT, ...) with kill(1). */
    public void signal(String signal) {
        Signals.send(signal, pid());
    }

    /** Waits for the exit and for all of its output; returns the exit code. */
    public int awaitExit() {
        return awaitExit(Poll.PATIENCE);
    }

    public int awaitExit(Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(name + " did not exit within " + patience.toMillis() + " ms\n" + describe());
            }
            // a child (a bus it forked) may keep the pipes open: do not wait for their end forever
            stdoutReader.join(Duration.ofSeconds(5));
            stderrReader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    private boolean readersRunning() {
        return stdoutReader.isAlive() || stderrReader.isAlive();
    }

    public String describe() {
        List<String> out = stdout();
        List<String> shown = out.size() > 20 ? out.subList(out.size() - 20, out.size()) : out;
        return name + " (pid " + pid() + (process.isAlive() ? ", running" : ", exit " + process.exitValue()) + ")"
                + "\n--- stderr\n" + String.join("\n", stderr()) + "\n--- stdout (" + out.size() + " lines, last 20)\n"
                + String.join("\n", shown);
    }

    @Override
    public String toString() {
        return name + "[" + pid() + "]";
    }
}
