package dev.evbus.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code wrk} load generator running one of the scripts under {@code bench/http/}, whose
 * {@code done} hook prints one {@code EVBUS-WRK key=value...} line that is parsed here. wrk is
 * installed from Debian when missing ({@link DebianTool}); otherwise {@link #find} says why the
 * figures are skipped.
 */
final class Wrk {
    private static final String RESULT = "EVBUS-WRK ";
    private static final Duration SLACK = Duration.ofSeconds(30);

    /** What one run did; latencies in microseconds, as wrk counts them. */
    record Result(long requests, long durationMicros, long p50Micros, long p99Micros, long socketErrors, long non2xx) {

        double requestsPerSecond() {
            return requests * 1e6 / durationMicros;
        }
    }

    private Wrk() {
    }

    /** wrk as installed, else installed from Debian when root, else the reason there is none. */
    static DebianTool.Found find() throws IOException, InterruptedException {
        return DebianTool.find("wrk", "wrk");
    }

    /**
     * Runs {@code wrk -t threads -c connections -d seconds -s script target -- tag} to its end.
     * The tag makes the script's event ids unique across runs against one bus.
     */
    static Result run(Path binary, Path script, URI target, int threads, int connections, Duration length, String tag)
            throws IOException, InterruptedException {
        List<String> command = List.of(binary.toString(), "-t" + threads, "-c" + connections,
                "-d" + length.toSeconds() + "s", "-s", script.toString(), target.toString(), "--", tag);
        String out = DebianTool.output(new ProcessBuilder(command), length.plus(SLACK));
        for (String line : out.split("\n")) {
            if (line.startsWith(RESULT)) {
                return parse(line.substring(RESULT.length()));
            }
        }
        throw new IllegalStateException("wrk printed no " + RESULT.strip() + " line: " + DebianTool.lastLine(out));
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
}
