package dev.evbus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code wrk} load generator running one of the scripts under {@code bench/http/}, whose
 * {@code done} hook prints one {@code EVBUS-WRK key=value...} line that is parsed here. wrk is
 * installed from Debian when missing and the bench runs as root; otherwise {@link #find} says why
 * the figures are skipped.
 */
final class Wrk {
    private static final String RESULT = "EVBUS-WRK ";
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration SLACK = Duration.ofSeconds(30);

    /** What one run did; latencies in microseconds, as wrk counts them. */
    record Result(long requests, long durationMicros, long p50Micros, long p99Micros, long socketErrors, long non2xx) {

        double requestsPerSecond() {
            return requests * 1e6 / durationMicros;
        }
    }

    /** Either the wrk binary to run or why there is none. */
    sealed interface Found {
    }

    record Available(Path binary) implements Found {
    }

    record Missing(String why) implements Found {
    }

    private Wrk() {
    }

    /** wrk on the PATH, else installed with apt-get when root, else the reason there is none. */
    static Found find() throws IOException, InterruptedException {
        Path onPath = onPath();
        if (onPath != null) {
            return new Available(onPath);
        }
        if (!"0".equals(run(List.of("id", "-u"), Duration.ofSeconds(10)).strip())) {
            return new Missing("wrk is not installed and the bench is not root, so it cannot `apt-get install -y wrk`");
        }
        System.err.println("bench: wrk is missing: apt-get install -y wrk...");
        ProcessBuilder install = new ProcessBuilder("apt-get", "install", "-y", "wrk");
        install.environment().put("DEBIAN_FRONTEND", "noninteractive");
        String out;
        try {
            out = run(install, INSTALL_TIMEOUT);
        } catch (IOException failed) {
            return new Missing("wrk is not installed and `apt-get install -y wrk` failed: " + failed.getMessage());
        }
        onPath = onPath();
        return onPath != null ? new Available(onPath)
                : new Missing("`apt-get install -y wrk` did not install it: " + lastLine(out));
    }

    /**
     * Runs {@code wrk -t threads -c connections -d seconds -s script target -- tag} to its end.
     * The tag makes the script's event ids unique across runs against one bus.
     */
    static Result run(Path binary, Path script, URI target, int threads, int connections, Duration length, String tag)
            throws IOException, InterruptedException {
        List<String> command = List.of(binary.toString(), "-t" + threads, "-c" + connections,
                "-d" + length.toSeconds() + "s", "-s", script.toString(), target.toString(), "--", tag);
        String out = run(new ProcessBuilder(command), length.plus(SLACK));
        for (String line : out.split("\n")) {
            if (line.startsWith(RESULT)) {
                return parse(line.substring(RESULT.length()));
            }
        }
        throw new IllegalStateException("wrk printed no " + RESULT.strip() + " line: " + lastLine(out));
    }

    static String command(Path script, int threads, int connections, Duration length) {
        return "wrk -t" + threads + " -c" + connections + " -d" + length.toSeconds() + "s -s " + script;
    }

    private static Result parse(String fields) {
        Map<String, Long> values = new HashMap<>();
        for (String field : fields.strip().split(" ")) {
            int eq = field.indexOf('=');
            values.put(field.substring(0, eq), Long.parseLong(field.substring(eq + 1)));
        }
        return new Result(values.get("requests"), values.get("duration_us"), values.get("p50_us"),
                values.get("p99_us"), values.get("connect") + values.get("read") + values.get("write")
                + values.get("timeout"), values.get("status"));
    }

    private static Path onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "wrk");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), timeout);
    }

    /** Runs a command with stdin closed, stderr merged into stdout; its output, or an exception when it fails. */
    private static String run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(builder.command().getFirst() + " did not finish in " + timeout);
        }
        String text = out.join();
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", builder.command()) + " exited " + process.exitValue() + ": "
                    + lastLine(text));
        }
        return text;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLine(String text) {
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\n")));
        return lines.getLast();
    }
}
