package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A mistyped command or key gets the closest name; a bare {@code evbus} shows the main commands. */
@ExtendWith(EvbusExtension.class)
class TypoHintsIT {

    @Test
    void aMistypedCommandGetsTheClosestCommand(Evbus evbus) {
        assertRefused(evbus, "evbus: unknown command \"consmue\" (did you mean consume? see `evbus --help`)", "consmue");
        assertRefused(evbus, "evbus: unknown command \"lsit\" (did you mean list? see `evbus dlq --help`)", "dlq", "lsit");
        assertRefused(evbus, "evbus: unknown command \"frobnicate\" (see `evbus --help`)", "frobnicate");
    }

    @Test
    void aMistypedKeyGetsTheClosestKeyBuiltInOrFromAKeyFile(Evbus evbus) throws IOException {
        assertRefused(evbus, "evbus: unknown event key \"rwa\" (did you mean raw? run `evbus list` to see the keys)", "consume", "rwa");
        assertRefused(evbus, "evbus: unknown event key \"rwa\" (did you mean raw? run `evbus list` to see the keys)", "schema", "rwa");
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        Files.writeString(keys.resolve("orders.yaml"), "key: orders.paid\nevent_types: [orders.*]\nstages:\n  - filter: .total > 0\n");
        assertRefused(evbus, "evbus: unknown event key \"orders.piad\" (did you mean orders.paid? run `evbus list` to see the keys)",
                "consume", "orders.piad");
        assertRefused(evbus, "evbus: unknown event key \"nothing.like.it\" (run `evbus list` to see the keys)",
                "consume", "nothing.like.it");
    }

    @Test
    void bareEvbusShowsAShortUsageWithTheMainCommands(Evbus evbus) {
        CommandResult result = evbus.run();
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals("evbus: missing command", result.stderr().get(0));
        for (String command : List.of("consume KEY", "publish TYPE", "list", "status", "stop")) {
            assertTrue(result.stderr().stream().anyMatch(line -> line.startsWith("  " + command + " ")), command + "\n" + result);
        }
        assertTrue(result.stderr().getLast().contains("`evbus --help`"), result.toString());
        assertEquals(List.of(), result.stdout());
    }

    @Test
    void listNamesAndParamsPrintOneNameALine(Evbus evbus) {
        CommandResult names = evbus.run("list", "--names");
        assertEquals(0, names.exitCode(), names.toString());
        assertEquals(List.of("raw"), names.stdout());
        CommandResult params = evbus.run("list", "--params", "raw");
        assertEquals(0, params.exitCode(), params.toString());
        assertEquals(List.of("type"), params.stdout());
        assertRefused(evbus, "evbus: unknown event key \"rwa\" (did you mean raw? run `evbus list` to see the keys)",
                "list", "--params", "rwa");
    }

    private static void assertRefused(Evbus evbus, String line, String... args) {
        CommandResult result = evbus.run(args);
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of(line), result.stderr());
    }
}
