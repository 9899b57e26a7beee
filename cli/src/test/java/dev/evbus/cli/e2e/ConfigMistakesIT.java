package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Mistakes in an app's config file, met through {@code bin/evbus} as a user meets them: each is one
 * line naming the file and the field, exit 2, and never a setting silently left at its default.
 */
@ExtendWith(EvbusExtension.class)
class ConfigMistakesIT {

    private static void assertOneLine(CommandResult result, String expected) {
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
        assertTrue(result.stderr().getFirst().startsWith(expected), "expected a line starting with\n" + expected + "\n" + result);
        assertFalse(result.stderrText().contains("Exception") || result.stderrText().contains("Source: "), result.toString());
    }

    @Test
    void aMisspelledSectionOrSourceOptionStopsServeNamingFileAndFieldWithWhatItMeant(Evbus evbus) {
        Path file = evbus.writeAppConfig("{\"retension\": {\"max_age\": \"1m\"}}");
        assertOneLine(evbus.run("serve"), "evbus: " + file + ": retension: unknown section; did you mean retention? "
                + "(known: api, retention, limits, sources, bridge, pipelines, metrics)");

        evbus.writeAppConfig("{\"sources\": {\"http\": {\"lisen\": \"127.0.0.1:0\"}}}");
        assertOneLine(evbus.run("serve"), "evbus: " + file + ": sources.http.lisen: unknown option; did you mean listen? (known: listen,");

        evbus.writeAppConfig("{\"limits\": {\"max_conections\": 10}}");
        assertOneLine(evbus.run("serve"), "evbus: " + file + ": limits.max_conections: unknown option; did you mean max_connections?");
    }

    @Test
    void aFileThatIsNotJsonIsOneLineWithFileLineColumnAndTheShortReason(Evbus evbus) {
        Path file = evbus.writeAppConfig("{\"retention\": {\"max_age\": \"1m\"}\n");
        assertOneLine(evbus.run("serve"), "evbus: " + file
                + ":2:1: not valid JSON: Unexpected end-of-input: expected close marker for Object");
        assertOneLine(evbus.run("consume", "raw"), "evbus: " + file + ":2:1: not valid JSON: ");
    }

    @Test
    void aConsumerWhoseBusRefusesItsConfigPrintsTheBusesOwnReason(Evbus evbus) {
        // a source kind is checked by the bus alone: the consumer learns of it only from the bus it forked
        Path file = evbus.writeAppConfig("{\"sources\": {\"htp\": {}}}");
        CommandResult consume = evbus.run("consume", "raw");
        assertOneLine(consume, "evbus: the bus did not start: " + file
                + ": sources.htp: unknown source kind; did you mean http? (known: file, http) (see " + evbus.busLog() + ")");
    }
}
