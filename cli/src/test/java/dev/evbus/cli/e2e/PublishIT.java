package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code evbus publish}: what it accepts, what it rejects and says so, and what it needs. */
@ExtendWith(EvbusExtension.class)
class PublishIT {

    @Test
    void malformedStdinLineIsReportedByNumberWhileTheOtherLinesAreDelivered(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        CommandResult result = evbus.runWithInput(String.join("\n",
                line("one"),
                "{\"event_type\":\"t.x\",\"payload\":",
                line("three")) + "\n", "publish", "--stdin");

        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(2, result.stderr().size(), result.toString());
        assertTrue(result.stderr().get(0).startsWith("evbus: line 2: rejected: "), result.toString());
        assertEquals("accepted=2 duplicates=0 rejected=1", result.stderr().get(1));
        consumer.awaitStdoutContaining("\"three\"");
        assertEquals(List.of("one", "three"), consumer.eventIds());
    }

    @Test
    void duplicateIdsAreCountedAsDuplicatesAndReachAConsumerOnce(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        CommandResult batch = evbus.runWithInput(String.join("\n",
                line("d1"), line("d2"), line("d1"), line("d3"), line("d2")) + "\n", "publish", "--stdin", "--json");
        assertEquals(0, batch.exitCode(), batch.toString());
        assertEquals(List.of("{\"accepted\":3,\"duplicates\":2,\"rejected\":0}"), batch.stdout());
        assertEquals(List.of("accepted=3 duplicates=2 rejected=0"), batch.stderr());

        CommandResult again = evbus.run("publish", "t.x", "--id", "d1");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(List.of("accepted=0 duplicates=1 rejected=0"), again.stderr(), "ids are remembered across publishers");

        evbus.publish("t.x", "end", "{}");
        consumer.awaitStdoutContaining("\"end\"");
        assertEquals(List.of("d1", "d2", "d3", "end"), consumer.eventIds());
        assertEquals(3, evbus.status().path("duplicates").asLong());
    }

    @Test
    void dataMustBeExactlyOneJsonValueSoItCannotSpliceFieldsIntoTheFrame(Evbus evbus) {
        EvbusProcess consumer = evbus.consumeReady("raw");
        for (String data : List.of("{},\"event_type\":\"forged\"", "{} {}", "", "[1,", "{\"a\":1}}")) {
            CommandResult refused = evbus.run("publish", "a.b", "--id", "never", "--data", data);
            assertEquals(2, refused.exitCode(), data + ": " + refused);
            assertEquals(1, refused.stderr().size(), data + ": " + refused);
            assertTrue(refused.stderr().get(0).startsWith("evbus: --data is "), data + ": " + refused);
            assertTrue(refused.stderr().get(0).contains("hint:"), data + ": " + refused);
        }
        CommandResult accepted = evbus.run("publish", "a.b", "--id", "kept", "--data", " {\"n\":[1,2]} ");
        assertEquals(0, accepted.exitCode(), accepted.toString());

        consumer.awaitStdoutContaining("\"kept\"");
        assertEquals(List.of("kept"), consumer.eventIds(), "nothing of a refused --data reached the bus");
        assertEquals("{\"n\":[1,2]}", Evbus.parse(consumer.stdout().get(0)).path("payload").toString());
        assertEquals("a.b", Evbus.parse(consumer.stdout().get(0)).path("event_type").asText());
    }

    @Test
    void publishWithoutARunningBusExitsTwoWithOneClearLine(Evbus evbus) {
        CommandResult result = evbus.run("publish", "t.x", "--data", "{}");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
        assertTrue(result.stderr().get(0).startsWith("evbus: no bus running for app \"default\""), result.toString());
        assertEquals(List.of(), result.stdout());
    }

    @Test
    void publishStdinDeliversEachLineWithoutWaitingForTheEndOfInput(Evbus evbus) throws Exception {
        EvbusProcess consumer = evbus.consumeReady("raw");
        EvbusProcess publisher = evbus.start("publish", "--stdin");
        OutputStream in = publisher.stdin();
        in.write((line("streamed") + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();

        // the consumer runs already, so this is a local hop: far below these seconds unless the line sits in a buffer
        consumer.awaitStdoutContaining("\"streamed\"", Duration.ofSeconds(10));
        assertTrue(publisher.isAlive(), "the publisher is still reading its input: " + publisher.describe());
        in.close();
        assertEquals(0, publisher.awaitExit(), publisher.describe());
        assertEquals(List.of("accepted=1 duplicates=0 rejected=0"), publisher.stderr());
    }

    private static String line(String id) {
        return "{\"event_type\":\"t.x\",\"event_id\":\"" + id + "\",\"payload\":{\"id\":\"" + id + "\"}}";
    }
}
