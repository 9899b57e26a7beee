package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * {@link FastArgs} answers a line only with what picocli parses it to: for every line here,
 * hand-picked and generated, it either steps aside (null) or gives the values, command and app
 * that picocli's model, built as {@link PicocliPath#commandLine} builds it, holds after parsing the
 * same line, option by option.
 */
class FastArgsTest {
    private static final List<String> HOT = List.of("consume", "publish", "status", "list", "stop");

    /** Lines people and scripts write: the fast path must answer every one. */
    static final List<List<String>> ORDINARY = Stream.of(
            "--version", "-V", "--app x --version", "--version --app x",
            "consume raw", "consume raw --quiet", "--app a consume raw", "consume --app a raw", "consume raw --app a",
            "consume raw --since all --max-events 1", "consume raw --timeout 1ms --quiet",
            "consume some.key -p a=b -p c=d --param e=f --jq .x --output-dir out --batch 10 --batch-window 500ms"
                    + " --max-events 3 --timeout 1h30m --since 10m --durable cur --as bot",
            "consume raw --batch 007 --max-events 999999999999999999 --output-dir ../x --since offset:3",
            "consume help", "consume status", "consume raw --jq status", "consume raw --as ''",
            "consume raw --dry-run", "consume raw -p type=a.* --durable d --dry-run --json", "consume raw --json",
            "publish t.x", "publish t.x --data {\"n\":1} --id i1 --source-time 1700000000000", "publish --stdin",
            "publish --stdin --json --ack", "publish t --spool", "--app a publish t --data []", "publish t --data ''",
            "publish help", "publish t --stdin",
            "status", "status --json", "status --current --fail-on-orphan", "--app a status --current", "status --app a",
            "list", "list --json", "--app x list --json",
            "stop", "stop --all", "stop --app-id a --force", "stop --json --force --all", "--app a stop", "stop --app-id ''")
            .map(FastArgsTest::words).toList();

    /** Lines picocli must have: help, errors, and forms the fast path leaves to it. */
    static final List<List<String>> UNUSUAL = Stream.of(
            "", "--app", "--app x", "-h", "--help", "-Vh", "-hV", "--version consume raw", "-V -V", "--version status",
            "help", "help consume", "nosuch", "schema k", "consume", "consume --help", "consume raw -h", "consume raw --",
            "consume -- raw", "consume raw extra", "consume raw --quiet --quiet", "consume raw --quiet=true", "consume raw --jq",
            "consume raw --jq .a --jq .b", "consume raw --batch -1", "consume raw --batch +1", "consume raw --batch ' 1'",
            "consume raw --batch 2147483648", "consume raw --batch x", "consume raw --timeout soon", "consume raw --batch=3",
            "consume raw -pa=b", "consume raw -p", "consume raw --max-events 99999999999999999999", "consume @args",
            "consume raw --app a --app b", "--app a consume raw --app b", "--app consume consume raw", "--app status status",
            "--app -V consume raw", "--app=x consume raw", "consume raw --dry-run --dry-run", "consume raw --json=true --dry-run", "consume raw --jq -x", "consume raw --nosuch", "consume -raw",
            "publish", "publish a b", "publish t --data", "publish t --json=true", "publish t --json --json", "publish -",
            "status extra", "status --json --json", "status -V", "list --json=false", "list x",
            "stop --all --app-id a", "stop --all --all", "stop --app-id", "stop --app-id -x", "stop x")
            .map(FastArgsTest::words).toList();

    @Test
    void everyOrdinaryLineIsParsedWithoutPicocliToWhatPicocliParsesItTo() {
        for (List<String> line : ORDINARY) {
            assertTrue(agreesWithPicocli(line), "the fast path stepped aside for " + line);
        }
    }

    @Test
    void unusualLinesAreLeftToPicocliOrParsedAlike() {
        for (List<String> line : UNUSUAL) {
            agreesWithPicocli(line);
        }
        // a few that picocli parses fine but that are left to it all the same
        for (String line : List.of("publish t --json=true", "consume raw -- ", "--app=x status", "consume @args")) {
            assertNull(FastArgs.parse(words(line).toArray(String[]::new)), line);
        }
    }

    @Test
    void generatedLinesAreLeftToPicocliOrParsedAlike() {
        Random random = new Random(20240611); // fixed: a failure names a line that fails again
        int answered = 0;
        int lines = 3000;
        for (int n = 0; n < lines; n++) {
            if (agreesWithPicocli(LineGenerator.line(random))) {
                answered++;
            }
        }
        // not vacuous either way: many generated lines are ordinary, many are not
        assertTrue(answered > lines / 5 && answered < lines * 4 / 5, answered + " of " + lines + " answered");
    }

    @Test
    void picocliSystemPropertiesSendEveryLineToPicocli() {
        System.setProperty("picocli.trimQuotes", "true");
        try {
            assertNull(FastArgs.parse(new String[] {"publish", "\"t\""}));
        } finally {
            System.clearProperty("picocli.trimQuotes");
        }
        assertNotNull(FastArgs.parse(new String[] {"publish", "\"t\""}));
    }

    /**
     * Whether the fast path answered {@code line}, having checked that if it did, picocli parses
     * the line without error or help to the same command, values and {@code --app}.
     */
    static boolean agreesWithPicocli(List<String> line) {
        String[] args = line.toArray(String[]::new);
        FastArgs.Line fast = FastArgs.parse(args);
        Main main = new Main();
        ParseResult parsed;
        try {
            parsed = PicocliPath.commandLine(main, args).parseArgs(args);
        } catch (CommandLine.ParameterException refused) {
            assertNull(fast, () -> line + ": picocli refuses it (" + refused.getMessage() + ") but the fast path answered "
                    + (fast.version() ? "--version" : fast.command().name() + " " + fast.values()));
            return false;
        }
        if (fast == null) {
            return false;
        }
        assertFalse(parsed.isUsageHelpRequested(), line.toString());
        assertEquals(fast.version(), parsed.isVersionHelpRequested(), line.toString());
        assertEquals(main.app, fast.app(), line + ": --app");
        if (fast.version()) {
            assertFalse(parsed.hasSubcommand(), line.toString());
            return true;
        }
        ParseResult command = parsed.subcommand();
        assertNotNull(command, line.toString());
        assertEquals(fast.command().name(), command.commandSpec().name(), line.toString());
        assertFalse(command.isUsageHelpRequested() || command.isVersionHelpRequested() || command.hasSubcommand(), line.toString());
        OptionValues picocli = CommandSpecs.values(fast.command(), command.commandSpec());
        assertEquals(picocli.parameter(), fast.values().parameter(), line + ": the parameter");
        picocli.options().forEach((name, value) -> assertEquals(value, fast.values().get(name), line + ": " + name));
        assertEquals(picocli, fast.values(), line.toString());
        return true;
    }

    /** Space-separated words; {@code ''} is the empty argument. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        for (String word : line.split(" ")) {
            if (!word.isEmpty()) {
                words.add(word.equals("''") ? "" : word);
            }
        }
        return words;
    }

    /** Random lines, mostly shaped like a hot command's, with values good, borderline and bad. */
    static final class LineGenerator {
        private static final List<String> VALUES = List.of("raw", "x", "", " ", "0", "1", "007", "+1", "-1", "2147483647",
                "2147483648", "999999999999999999", "9999999999999999999", "1s", "500ms", "0s", "1h30m", "2.5", "bad", "a=b", "=b",
                "@nosuch", "true", "false", "TRUE", "status", "consume", "help", "list", "--", "-", "/etc", "../x", "a\u0000b",
                "\u0663", "{\"n\":1}", "{}", "all", "offset:3", "auto", "\"quoted\"", "-p", "--json", "--app");
        private static final List<String> OTHER = List.of("-h", "--help", "-V", "--version", "--", "--app=x", "--json=true",
                "--quiet=true", "-pa=b", "--batch=2", "-Vh", "--nosuch", "help", "schema");

        static List<String> line(Random random) {
            List<String> line = new ArrayList<>();
            if (random.nextInt(4) == 0) {
                line.addAll(List.of("--app", pick(random, VALUES)));
            }
            CommandDef command = random.nextInt(10) == 0 ? null : Main.fastCommand(pick(random, HOT));
            line.add(command == null ? pick(random, random.nextBoolean() ? OTHER : VALUES) : command.name());
            if (command != null && command.parameter() != null && random.nextInt(4) > 0) {
                line.add(pick(random, List.of("raw", "t.x", "k", "help")));
            }
            int items = random.nextInt(5);
            for (int i = 0; i < items; i++) {
                int kind = random.nextInt(10);
                if (command != null && kind < 7) {
                    List<OptionDef> options = command.allOptions().toList();
                    OptionDef option = random.nextInt(8) == 0 ? Main.APP : pick(random, options);
                    String name = pick(random, option.names());
                    line.add(name);
                    if (option.takesValue() && random.nextInt(10) > 0) {
                        line.add(random.nextInt(3) > 0 ? goodValue(random, option) : pick(random, VALUES));
                    }
                } else if (kind < 9) {
                    line.add(pick(random, VALUES));
                } else {
                    line.add(pick(random, OTHER));
                }
            }
            return line;
        }

        private static String goodValue(Random random, OptionDef option) {
            return switch (option.kind()) {
                case INT, LONG -> String.valueOf(random.nextInt(1000));
                case DURATION -> pick(random, List.of("1s", "500ms", "2.5", "1h30m"));
                case PATH -> pick(random, List.of("out", "../x", "a/b"));
                default -> pick(random, List.of("v", "a=b", "{\"n\":1}", "all", "x y"));
            };
        }

        private static <T> T pick(Random random, List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
