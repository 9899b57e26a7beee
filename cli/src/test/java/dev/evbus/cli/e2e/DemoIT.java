package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code evbus demo}: the enrichment example's alerts on stdout from a private bus, the commands
 * that made them on stderr, and nothing left behind: no bus, no home, no file outside its
 * temporary directory, the user's own home untouched.
 */
@ExtendWith(EvbusExtension.class)
class DemoIT {
    static final List<String> ALERTS = List.of(
            "{\"ip\":\"203.0.113.5\",\"level\":\"error\",\"message\":\"disk full on /data\",\"country\":\"AU\",\"city\":\"Sydney\",\"severity\":9,\"alert\":true}",
            "{\"ip\":\"198.51.100.1\",\"level\":\"critical\",\"message\":\"auth service down\",\"country\":\"US\",\"city\":\"Chicago\",\"severity\":10,\"alert\":true}");
    private static final Pattern HOME = Pattern.compile("EVBUS_HOME=(\\S+), removed");
    private static final Pattern STOPPED = Pattern.compile("stopped \\(pid (\\d+)\\)");

    @Test
    void demoPrintsTheTwoEnrichmentAlertsAndLeavesNoBusAndNoFilesBehind(Evbus evbus) throws IOException {
        Path tmp = temporaryDirectory(evbus);
        evbus.env("EVBUS_APP", "users-own-app");
        CommandResult result = evbus.run("demo");

        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(ALERTS, result.stdout());
        List<String> commands = result.stderr().stream().filter(line -> line.startsWith("$ ")).toList();
        assertEquals(List.of("$ evbus consume log.alerts --max-events 2 &", "$ evbus publish --stdin < events.ndjson", "$ evbus stop"),
                commands, result.toString());
        assertTrue(result.stderr().contains("accepted=5 duplicates=0 rejected=0"), result.toString());
        assertTrue(result.stderr().stream().anyMatch(line -> line.contains("pipeline: filtered 3")), result.toString());

        Matcher home = HOME.matcher(result.stderrText());
        assertTrue(home.find(), result.toString());
        assertTrue(Path.of(home.group(1)).startsWith(tmp), "the private home is a temporary directory: " + home.group(1));
        assertFalse(Files.exists(Path.of(home.group(1))), "the private home is removed");
        assertEquals(List.of(), list(tmp), "nothing is left in the temporary directory");
        assertEquals(List.of(), list(evbus.home()), "the user's own EVBUS_HOME is untouched");
        Matcher stopped = STOPPED.matcher(result.stderrText());
        assertTrue(stopped.find(), result.toString());
        assertFalse(ProcessHandle.of(Long.parseLong(stopped.group(1))).map(ProcessHandle::isAlive).orElse(false),
                "the demo's bus has exited");
    }

    @Test
    void aDemoWhoseBusCannotStartExitsOneSayingWhyAndStillRemovesItsDirectory(Evbus evbus) throws IOException {
        Path tmp = temporaryDirectory(evbus);
        evbus.env("EVBUS_BUS_JAVA_OPTS", "-XX:+NoSuchFlag");
        CommandResult result = evbus.run("demo");

        assertEquals(1, result.exitCode(), result.toString());
        assertEquals(List.of(), result.stdout());
        assertEquals("evbus: demo: consume exited 1 before it was ready (its lines are above)",
                result.stderr().get(result.stderr().size() - 1), result.toString());
        assertFalse(result.stderrText().contains("Exception"), result.toString());
        assertEquals(List.of(), list(tmp), "the private home is removed after a failure too");
    }

    @Test
    void theReadmeTourShowsTheDemosRealOutputWherePathsPidsAndTimesAside(Evbus evbus) {
        CommandResult result = evbus.run("demo");
        assertEquals(0, result.exitCode(), result.toString());
        List<String> shown = readmeDemo(evbus.root().resolve("README.md"));
        assertEquals(normalized(result.stdout()), normalized(shown.stream().filter(line -> line.startsWith("{")).toList()));
        assertEquals(normalized(result.stderr()), normalized(shown.stream().filter(line -> !line.startsWith("{")).toList()));
    }

    /** The lines under {@code $ evbus demo} in the README's console block, up to the block's end. */
    private static List<String> readmeDemo(Path readme) {
        List<String> lines = Evbus.readLines(readme);
        int start = lines.indexOf("$ evbus demo");
        assertTrue(start >= 0, "the README's tour runs `evbus demo`");
        int end = lines.subList(start, lines.size()).indexOf("```") + start;
        return lines.subList(start + 1, end);
    }

    /** What changes from run to run: the temporary directory's name, pids and durations. */
    private static List<String> normalized(List<String> lines) {
        return lines.stream().map(line -> line.replaceAll("evbus-demo-\\d+", "evbus-demo-N").replaceAll("pid \\d+", "pid N")
                .replaceAll("in \\d+\\.\\ds", "in Ts")).toList();
    }

    @Test
    void demoRunsFromTheJarAloneWithoutTheLauncherBesideIt(Evbus evbus) throws IOException {
        Path lone = Files.createDirectory(evbus.base().resolve("lone"));
        Path jar = Files.copy(evbus.root().resolve("cli/target/evbus.jar"), lone.resolve("evbus.jar"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        EvbusProcess demo = evbus.shell("cd " + lone + " && " + java + " -Djava.io.tmpdir=" + lone + " -cp " + jar
                + " dev.evbus.cli.Main demo");
        assertEquals(0, demo.awaitExit(), demo.describe());
        assertEquals(ALERTS, demo.stdout(), demo.describe());
        assertEquals(List.of(jar), list(lone), "only the jar is left where the demo ran");
    }

    /** A directory of the test's own as the demo's java.io.tmpdir, to see what it leaves there. */
    private static Path temporaryDirectory(Evbus evbus) throws IOException {
        Path tmp = Files.createDirectory(evbus.base().resolve("t"));
        evbus.env("EVBUS_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
        return tmp;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
