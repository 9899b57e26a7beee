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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code evbus completion bash}, sourced by a real bash with the real {@code bin/evbus} on PATH,
 * completes as a user's Tab would: bash's completion variables set for a line, the function the
 * script registered for {@code evbus} called, {@code COMPREPLY} printed.
 */
@ExtendWith(EvbusExtension.class)
class ShellCompletionIT {

    @Test
    void aCommandPrefixCompletesToTheCommand(Evbus evbus) {
        assertEquals(List.of("consume"), complete(evbus, "evbus", "con"));
        assertEquals(List.of("status"), complete(evbus, "evbus", "--app", "shop", "sta"));
    }

    @Test
    void aParamPrefixAfterDashPCompletesToTheKeysParamNameWithItsEquals(Evbus evbus) {
        assertEquals(List.of("type="), complete(evbus, "evbus", "consume", "raw", "-p", "ty"));
        assertEquals(List.of("type="), completeAt(evbus, 3, "evbus", "consume", "--param", "", "raw"),
                "the key may come after the option: it is read from the whole line");
    }

    @Test
    void keyNamesAndParamsComeFromTheKeyFilesOfTheHome(Evbus evbus) throws IOException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        Files.writeString(keys.resolve("orders.yaml"), String.join("\n", "key: orders.paid", "event_types: [orders.*]",
                "params: [{name: region, type: string}, {name: min_total, type: int, default: 0}]",
                "stages:", "  - filter: .total > $params.min_total", ""));
        assertEquals(List.of("orders.paid"), complete(evbus, "evbus", "consume", "ord"));
        assertEquals(List.of("min_total=", "region="), complete(evbus, "evbus", "consume", "orders.paid", "-p", ""));
        assertEquals(List.of("orders.paid", "raw"), complete(evbus, "evbus", "schema", ""));
    }

    @Test
    void subcommandsOptionsAndFixedValuesComplete(Evbus evbus) {
        assertEquals(List.of("list"), complete(evbus, "evbus", "dlq", "li"));
        assertEquals(List.of("--json"), complete(evbus, "evbus", "dlq", "list", "--j"));
        assertEquals(List.of("--max-events"), complete(evbus, "evbus", "consume", "raw", "--max"));
        assertEquals(List.of("bash", "fish", "zsh"), complete(evbus, "evbus", "completion", ""));
        assertEquals(List.of("dlq"), complete(evbus, "evbus", "man", "dl"));
        assertEquals(List.of(), complete(evbus, "evbus", "consume", "raw", "--jq", ""), "a free value completes to nothing");
    }

    @Test
    void anUnknownShellIsBadInput(Evbus evbus) {
        CommandResult result = evbus.run("completion", "tcsh");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("evbus: completion: no script for shell \"tcsh\" (bash, zsh or fish)"), result.stderr());
    }

    @Test
    void theZshAndFishScriptsCoverEveryCommand(Evbus evbus) {
        CommandResult zsh = evbus.run("completion", "zsh");
        assertEquals(0, zsh.exitCode(), zsh.toString());
        assertEquals("#compdef evbus", zsh.stdout().get(0));
        assertTrue(zsh.stdout().contains("autoload -U +X bashcompinit && bashcompinit"), zsh.toString());
        assertTrue(zsh.stdout().contains("complete -F _evbus evbus"), zsh.toString());
        CommandResult fish = evbus.run("completion", "fish");
        assertEquals(0, fish.exitCode(), fish.toString());
        for (String command : List.of("consume", "publish", "list", "schema", "status", "stop", "cursors", "keys", "dlq", "serve",
                "reload", "completion", "man", "help")) {
            assertTrue(fish.stdout().stream().anyMatch(line -> line.startsWith("complete -c evbus -n '__evbus_at \"\"' -a " + command
                    + " -d ")), command + "\n" + fish);
        }
        assertTrue(fish.stdout().contains(
                "complete -c evbus -n '__evbus_at \"consume\"' -s p -l param -x -a '(__evbus_key_params)' -d 'A key parameter; repeat for more.'"),
                fish.toString());
        assertTrue(fish.stdout().stream().noneMatch(line -> line.contains("_bus")), "the internal command is not offered");
    }

    /** What Tab offers for the line {@code words} (the last one is the word under the cursor), sorted. */
    private static List<String> complete(Evbus evbus, String... words) {
        return completeAt(evbus, words.length - 1, words);
    }

    /** What Tab offers with the cursor on {@code words[cursor]}, sorted. */
    private static List<String> completeAt(Evbus evbus, int cursor, String... words) {
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            line.append(" '").append(word).append('\'');
        }
        String script = "export PATH=" + evbus.root().resolve("bin") + ":$PATH\n"
                + "source <(evbus completion bash) || exit 3\n"
                + "COMP_WORDS=(" + line + ")\nCOMP_CWORD=" + cursor + "\n"
                                + "_evbus\nprintf '%s\\n' \"${COMPREPLY[@]}\" | sort\n";
        EvbusProcess bash = evbus.shell(script);
        assertEquals(0, bash.awaitExit(), bash.describe());
        assertEquals(List.of(), bash.stderr(), bash.describe());
        return bash.stdout().stream().filter(reply -> !reply.isEmpty()).toList();
    }
}
