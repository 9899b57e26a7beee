package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** consume -r / --raw-output: jq -r's output, a JSON string written as its text, everything else as JSON. */
@ExtendWith(EvbusExtension.class)
class RawOutputIT {
    private static final String JQ = ".event_id, .payload.s, .payload.n, .payload.o, .payload.l";

    private static void publishOne(Evbus evbus) {
        evbus.publishLines(List.of("{\"event_type\":\"raw.out\",\"event_id\":\"o-1\",\"payload\":"
                + "{\"s\":\"tab\\there \\\"q\\\" \\u00e9\",\"n\":3,\"o\":{\"a\":1},\"l\":[\"x\"]}}"));
    }

    @Test
    void rawOutputWritesJqStringResultsAsTheirTextAndOtherResultsAsJsonOnePerLine(Evbus evbus) {
        evbus.consumeReady("raw"); // keeps the bus up, and the event retained, for the replays below
        publishOne(evbus);
        // -r goes through the fast parser, --raw-output=true through picocli's: both mean the same
        for (String flag : List.of("-r", "--raw-output", "--raw-output=true")) {
            EvbusProcess raw = evbus.consume("raw", "--since", "all", "--jq", JQ, flag, "--max-events", "5");
            assertEquals(0, raw.awaitExit(), raw.describe());
            assertEquals(List.of("o-1", "tab\there \"q\" é", "3", "{\"a\":1}", "[\"x\"]"), raw.stdout(), flag + "\n" + raw.describe());
        }
        EvbusProcess json = evbus.consume("raw", "--since", "all", "--jq", JQ, "--max-events", "5");
        assertEquals(0, json.awaitExit(), json.describe());
        assertEquals(List.of("\"o-1\"", "\"tab\\there \\\"q\\\" é\"", "3", "{\"a\":1}", "[\"x\"]"), json.stdout(), json.describe());
    }

    @Test
    void rawOutputWithoutJqLeavesTheObjectLinesAsTheyAre(Evbus evbus) {
        evbus.consumeReady("raw");
        publishOne(evbus);
        EvbusProcess plain = evbus.consume("raw", "--since", "all", "--max-events", "1");
        EvbusProcess raw = evbus.consume("raw", "--since", "all", "--max-events", "1", "-r");
        assertEquals(0, plain.awaitExit(), plain.describe());
        assertEquals(0, raw.awaitExit(), raw.describe());
        assertEquals(plain.stdout(), raw.stdout(), raw.describe());
        assertEquals("o-1", raw.stdoutJson().get(0).path("event_id").asText(), raw.describe());
    }

    @Test
    void rawOutputWithBatchesOrOneFilePerEventExitsTwoWithOneLineAndStartsNoBus(Evbus evbus) {
        for (List<String> extra : List.of(List.of("--batch", "2"), List.of("--batch-window", "1s"), List.of("--output-dir", "out"))) {
            List<String> args = new ArrayList<>(List.of("consume", "raw", "-r", "--jq", ".event_id"));
            args.addAll(extra);
            CommandResult result = evbus.run(args.toArray(String[]::new));
            assertEquals(2, result.exitCode(), extra + "\n" + result);
            assertEquals(1, result.stderr().size(), extra + "\n" + result);
            assertTrue(result.stderr().get(0).startsWith("evbus: --raw-output"), extra + "\n" + result);
            assertEquals(List.of(), result.stdout(), extra + "\n" + result);
        }
        assertFalse(Files.exists(evbus.home().resolve("events")), "a refused consume must not start a bus");
    }
}
