package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A line {@link FastArgs} answers runs as picocli would run it: {@code --version} prints
 * picocli's text, a command's failure is reported by the same handler, and the product really
 * takes that path: an ordinary line loads no picocli class at all.
 */
class FastPathTest {

    /** What a run printed and returned. */
    record Run(int exit, String out, String err) {
    }

    @Test
    void versionPrintsWhatPicocliPrints() {
        StringWriter picocli = new StringWriter();
        CommandLine cli = PicocliPath.commandLine(new Main(), new String[] {"--version"});
        cli.setOut(new PrintWriter(picocli));
        assertEquals(0, cli.execute("--version"));
        assertEquals(Main.VERSION + System.lineSeparator(), picocli.toString());
        for (List<String> line : List.of(List.of("--version"), List.of("-V"), List.of("--app", "x", "-V"))) {
            String[] args = line.toArray(String[]::new);
            assertNotNull(FastArgs.parse(args), line.toString());
            assertEquals(new Run(0, picocli.toString(), ""), run(args, (a, e) -> Main.run(a, System.getenv(), e)), line.toString());
        }
    }

    @Test
    void aCommandsFailureIsReportedAsThePicocliPathReportsIt() {
        for (String line : List.of("publish a*", "publish", "publish t --data nojson", "publish t --source-time soon",
                "consume raw --timeout 0s", "consume raw --batch-window 0s", "consume raw --durable ''",
                "consume raw -p novalue", "stop --app-id a\u0001")) {
            String[] args = FastArgsTest.words(line).toArray(String[]::new);
            assertNotNull(FastArgs.parse(args), line);
            Run fast = run(args, (a, e) -> Main.run(a, System.getenv(), e));
            assertEquals(run(args, PicocliPath::run), fast, line);
            assertEquals(ExitCodes.BAD_INPUT, fast.exit(), line);
            assertTrue(fast.err().startsWith("evbus: ") && fast.err().lines().count() == 1, line + ": " + fast.err());
        }
    }

    /** Runs {@code args} with System.out captured; stderr is the stream the handler is given, as Main.run's. */
    private static Run run(String[] args, BiFunction<String[], PrintStream, Integer> how) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = how.apply(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
        }
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anOrdinaryLineLoadsNoPicocliClassAndAnUnusualOneDoes(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), picocliClassesLoaded(dir, "--version"));
        assertEquals(List.of(), picocliClassesLoaded(dir, "status", "--current", "--json"));
        assertEquals(List.of(), picocliClassesLoaded(dir, "--app", "a", "stop", "--json"));
        assertEquals(List.of(), picocliClassesLoaded(dir, "list", "--names")); // what shell completion runs on each Tab
        assertEquals(List.of(), picocliClassesLoaded(dir, "list", "--params", "raw"));
        // the check itself sees picocli when it is used
        assertTrue(picocliClassesLoaded(dir, "status", "--help").contains("picocli.CommandLine"));
    }

    /** The picocli classes a fresh JVM loads running {@code evbus ARGS} (on a home of its own); it must exit 0. */
    private static List<String> picocliClassesLoaded(Path dir, String... args) throws IOException, InterruptedException {
        return LoadedClasses.of(dir, Main.class.getName(), args).stream()
                .filter(name -> name.startsWith("picocli."))
                .toList();
    }
}
