package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A jq expression calling a function jq does not have is a usage error before anything runs, not a failure per event. */
@ExtendWith(EvbusExtension.class)
class UnknownJqFunctionsIT {
    @Test
    void consumeJqWithAnUndefinedFunctionExitsTwoNamingIt(Evbus evbus) {
        CommandResult result = evbus.run("consume", "raw", "--jq", "nosuchfn(.)");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("evbus: --jq: jq function nosuchfn/1 is not defined (hint: jq 1.6's functions are in its"
                + " manual; define your own first: --jq 'def f: .a; f')"), result.stderr());
    }

    @Test
    void functionsTheExpressionDefinesItselfAreAccepted(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--jq", "def pick($k): .payload[$k]; def twice(f): [f, f]; twice(pick(\"a\"))");
        evbus.publish("t.x", "e-1", "{\"a\":1}");
        consumer.awaitStdoutLines(1);
        assertEquals(List.of("[1,1]"), consumer.stdout());
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }

    @Test
    void keysCheckRefusesAKeyCallingAnUndefinedFunctionWithItsLine(Evbus evbus) throws IOException {
        Files.writeString(evbus.workDir().resolve("typo.yaml"), """
                key: typo
                event_types: [t.*]
                stages:
                  - filter: '.level | ascii_downcas == "error"'
                """);
        CommandResult check = evbus.run("keys", "check", "typo.yaml");
        assertEquals(2, check.exitCode(), check.toString());
        assertEquals(List.of("typo.yaml:4: stages[0].filter.expr: calls ascii_downcas/0, which jq does not define (hint: see"
                + " jq 1.6's manual for its functions, or define it first: def name: ...;)"), check.stderr());
    }
}
