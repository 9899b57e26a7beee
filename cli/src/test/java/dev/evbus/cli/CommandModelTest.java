package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which subcommands {@link PicocliPath#commandLine} models: every command is a fresh JVM, so modelling
 * one that will not run is start-up time lost; but the top usage help lists them all.
 */
class CommandModelTest {
    private static final Set<String> ALL = Set.of("demo", "consume", "publish", "list", "schema", "status", "stop", "cursors",
            "keys", "dlq", "serve", "reload", "_bus", "completion", "man", "help");

    @Test
    void versionAndLinesThatOnlyPrintAnErrorModelNoSubcommand() {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("--app", "x", "-V"), List.of("--app=h", "-V"),
                List.<String>of(), List.of("--app", "x"), List.of("--nosuch"))) {
            assertEquals(Set.of(), modelled(args), args.toString());
        }
    }

    @Test
    void aCommandModelsOnlyItself() {
        assertEquals(Set.of("list"), modelled(List.of("list", "--json")));
        assertEquals(Set.of("status"), modelled(List.of("--app", "help", "status")));
        assertEquals(Set.of("dlq"), modelled(List.of("dlq", "list", "--help")));
        assertEquals(Set.of("consume"), modelled(List.of("-V", "consume", "raw")));
    }

    @Test
    void theTopUsageHelpTheHelpCompletionAndManCommandsAndAnUnknownWordModelThemAll() {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("-Vh"), List.of("--app", "x", "-hV"),
                List.of("help"), List.of("help", "list"), List.of("nosuch"), List.of("completion", "bash"), List.of("man", "consume"))) {
            assertEquals(ALL, modelled(args), args.toString());
        }
    }

    private static Set<String> modelled(List<String> args) {
        return PicocliPath.commandLine(new Main(), args.toArray(String[]::new)).getSubcommands().keySet();
    }
}
