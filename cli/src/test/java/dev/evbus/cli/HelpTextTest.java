package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command's usage help is byte for byte the text under {@code help/}, captured from
 * {@code bin/evbus CMD --help} while the commands were still modelled from annotations: how a
 * command is modelled must not change what users and scripts read. One file per registered
 * command, named by its path ({@code dlq-list.txt}; {@code evbus.txt} for the top command).
 */
class HelpTextTest {

    /** Every command path, "" for the top command, as a full {@code evbus --help} models them. */
    static List<String> commands() {
        List<String> paths = new ArrayList<>();
        collect(PicocliPath.commandLine(new Main(), new String[] {"--help"}), "", paths);
        return paths;
    }

    private static void collect(CommandLine command, String path, List<String> paths) {
        paths.add(path);
        command.getSubcommands().forEach((name, sub) -> collect(sub, path.isEmpty() ? name : path + " " + name, paths));
    }

    @Test
    void everyRegisteredCommandHasAGoldenFileAndEveryGoldenFileACommand() throws IOException, URISyntaxException {
        TreeSet<String> expected = new TreeSet<>();
        commands().forEach(path -> expected.add(goldenName(path) + ".txt"));
        TreeSet<String> golden = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of(HelpTextTest.class.getResource("/help").toURI()))) {
            files.forEach(file -> golden.add(file.getFileName().toString()));
        }
        assertEquals(expected, golden);
    }

    @ParameterizedTest(name = "evbus {0} --help")
    @MethodSource("commands")
    void dashDashHelpPrintsTheGoldenText(String path) {
        List<String> args = new ArrayList<>(words(path));
        args.add("--help");
        assertEquals(golden(path), helpOutput(args));
    }

    @ParameterizedTest(name = "evbus help {0}")
    @MethodSource("topLevelCommands")
    void theHelpCommandPrintsTheSameText(String path) {
        List<String> args = new ArrayList<>(List.of("help"));
        args.addAll(words(path));
        assertEquals(golden(path), helpOutput(args));
    }

    @ParameterizedTest(name = "evbus {0} --help ends with examples")
    @MethodSource("commands")
    void everyUsageHelpEndsWithTwoOrThreeExamples(String path) {
        List<String> args = new ArrayList<>(words(path));
        args.add("--help");
        List<String> lines = List.of(helpOutput(args).split("\n"));
        assertTrue(lines.contains("Examples:"), String.join("\n", lines));
        List<String> examples = lines.subList(lines.indexOf("Examples:") + 1, lines.size());
        assertTrue(examples.size() == 4 || examples.size() == 6, String.join("\n", examples));
        for (int i = 0; i < examples.size(); i += 2) {
            assertTrue(examples.get(i).startsWith("  # "), examples.get(i));
            assertTrue(examples.get(i + 1).startsWith("  evbus ") || examples.get(i + 1).startsWith("  source <(evbus "),
                    examples.get(i + 1));
        }
    }

    static Stream<String> topLevelCommands() {
        return commands().stream().filter(path -> !path.contains(" "));
    }

    /** What {@code evbus ARGS} prints on stdout, through the same command line {@link PicocliPath#run} builds; it must exit 0. */
    private static String helpOutput(List<String> args) {
        String[] array = args.toArray(String[]::new);
        CommandLine cli = PicocliPath.commandLine(new Main(), array);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int exit = cli.execute(array);
        assertEquals(0, exit, String.join(" ", args) + ": " + err);
        assertEquals("", err.toString(), String.join(" ", args));
        return out.toString();
    }

    private static List<String> words(String path) {
        return path.isEmpty() ? List.of() : List.of(path.split(" "));
    }

    private static String goldenName(String path) {
        return path.isEmpty() ? "evbus" : path.replace(' ', '-');
    }

    private static String golden(String path) {
        String resource = "/help/" + goldenName(path) + ".txt";
        try (InputStream in = HelpTextTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no golden file " + resource + " for `evbus " + path + " --help`");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
