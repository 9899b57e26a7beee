package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * jq numbers as jq 1.7 has them, through {@code bin/evbus}: arithmetic past 64 bits in doubles, printed
 * as jq prints them; numbers nobody touched printed exactly as they were published.
 */
@ExtendWith(EvbusExtension.class)
class JqNumbersIT {
    private static final String PAYLOAD = "{\"x\":18446744073709551617,\"f\":1.000,\"big\":1e1000}";

    @Test
    void consumeJqComputesPast64BitsInDoublesAndKeepsUntouchedNumbersAsWritten(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw", "--jq",
                ".payload | (.x - 10), (123456789012345678901234567890 + 1), ., (.f * 1)");
        evbus.publish("t.n", "n-1", PAYLOAD);
        consumer.awaitStdoutLines(4);
        assertEquals(List.of("18446744073709552000", "123456789012345680000000000000",
                "{\"x\":18446744073709551617,\"f\":1.000,\"big\":1.7976931348623157e+308}", "1"), consumer.stdout());
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }

    @Test
    void aKeyFilesStagesComputeAsJqDoes(Evbus evbus) throws IOException {
        Files.writeString(Files.createDirectories(evbus.home().resolve("keys")).resolve("n.yaml"), """
                key: numbers
                event_types: [t.*]
                stages:
                  - set: {fields: {y: .x - 10}}
                """);
        EvbusProcess consumer = evbus.consumeReady("numbers");
        evbus.publish("t.n", "n-1", PAYLOAD);
        consumer.awaitStdoutLines(1);
        assertEquals(List.of("{\"x\":18446744073709551617,\"f\":1.000,\"big\":1.7976931348623157e+308,"
                + "\"y\":18446744073709552000}"), consumer.stdout());
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
    }

    @Test
    void aNumberPastWhatJqCanHoldCostsItsEventOnlyAndTheConsumerGoesOn(Evbus evbus) throws IOException {
        Files.writeString(Files.createDirectories(evbus.home().resolve("keys")).resolve("n.yaml"), """
                key: numbers
                event_types: [t.*]
                stages:
                  - filter: .x != 0
                """);
        EvbusProcess keyed = evbus.consumeReady("numbers");
        EvbusProcess jq = evbus.consumeReady("raw", "--jq", ".payload.x");
        evbus.publish("t.n", "n-1", "{\"x\":1e99999999999}");
        evbus.publish("t.n", "n-2", "{\"x\":2}");
        for (EvbusProcess consumer : List.of(keyed, jq)) {
            consumer.awaitStdoutLines(1);
            assertEquals(true, consumer.awaitStderrContaining("skipped event \"n-1\": payload cannot be read: a number out of range")
                    .startsWith("[event] warning: "), consumer.describe());
            assertEquals(true, consumer.isAlive(), consumer.describe());
        }
        assertEquals(List.of("{\"x\":2}"), keyed.stdout());
        assertEquals(List.of("2"), jq.stdout());
        for (EvbusProcess consumer : List.of(keyed, jq)) {
            consumer.terminate();
            assertEquals(0, consumer.awaitExit(), consumer.describe());
        }
    }
}
