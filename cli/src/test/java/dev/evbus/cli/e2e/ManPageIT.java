package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code evbus man}: roff pages written from the command model, one per command, with what {@code --help} says. */
@ExtendWith(EvbusExtension.class)
class ManPageIT {
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(-[a-zA-Z]|--[a-z][a-z-]*)(?=[=, ]|$)");

    @Test
    void theConsumePageHasATitleAndEveryOptionThatConsumeHelpLists(Evbus evbus) {
        CommandResult page = evbus.run("man", "consume");
        assertEquals(0, page.exitCode(), page.toString());
        assertEquals(".TH \"EVBUS\\-CONSUME\" \"1\" \"\" \"" + evbus.run("--version").stdoutText().replace("-", "\\-")
                + "\" \"evbus Manual\"", page.stdout().get(0));
        List<String> options = optionsOf(evbus.run("consume", "--help").stdout());
        assertTrue(options.containsAll(List.of("-p", "--param", "--since", "--output-dir", "--help")), options.toString());
        for (String option : options) {
            String roff = "\\fB" + option.replace("-", "\\-") + "\\fR";
            assertTrue(page.stdout().stream().anyMatch(line -> line.startsWith(roff) || line.contains(", " + roff)),
                    option + " has no .TP entry\n" + page.stdoutText());
        }
        for (String section : List.of(".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH ARGUMENTS", ".SH OPTIONS", ".SH EXAMPLES",
                ".SH EXIT STATUS")) {
            assertTrue(page.stdout().contains(section), section + "\n" + page.stdoutText());
        }
        assertTrue(page.stdout().contains("\\f(CWevbus consume raw \\-\\-durable billing\\fR"), page.stdoutText());
    }

    @Test
    void manRendersThePage(Evbus evbus) {
        EvbusProcess man = evbus.shell("export PATH=" + evbus.root().resolve("bin") + ":$PATH MANWIDTH=100\n"
                + "evbus man consume | man -l - | col -b");
        assertEquals(0, man.awaitExit(), man.describe());
        assertTrue(man.stdout().stream().anyMatch(line -> line.startsWith("EVBUS-CONSUME(1)")), man.describe());
        assertTrue(man.stdout().stream().anyMatch(line -> line.strip().equals("-p, --param=NAME=VALUE")), man.describe());
    }

    @Test
    void outputDirWritesAPagePerCommandButTheInternalOne(Evbus evbus) throws IOException {
        Path dir = evbus.workDir().resolve("man/man1");
        CommandResult result = evbus.run("man", "--output-dir", dir.toString());
        assertEquals(0, result.exitCode(), result.toString());
        try (var files = Files.list(dir)) {
            List<String> names = files.map(file -> file.getFileName().toString()).sorted().toList();
            assertTrue(names.containsAll(List.of("evbus.1", "evbus-consume.1", "evbus-dlq.1", "evbus-dlq-list.1", "evbus-keys-check.1",
                    "evbus-completion.1", "evbus-man.1")), names.toString());
            assertTrue(names.stream().noneMatch(name -> name.contains("_bus")), names.toString());
        }
        assertEquals(evbus.run("man", "dlq", "list").stdoutText() + "\n", Files.readString(dir.resolve("evbus-dlq-list.1")));
    }

    @Test
    void anUnknownCommandIsBadInputWithTheClosestName(Evbus evbus) {
        CommandResult result = evbus.run("man", "consmue");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("evbus: man: no command \"consmue\" (did you mean consume? see `evbus --help`)"), result.stderr());
    }

    private static List<String> optionsOf(List<String> help) {
        return help.stream().filter(line -> line.startsWith("  ") && line.strip().startsWith("-")).flatMap(line -> {
            Matcher matcher = OPTION.matcher(line.strip().split(" {2,}")[0]);
            List<String> found = new java.util.ArrayList<>();
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
            return found.stream();
        }).toList();
    }
}
