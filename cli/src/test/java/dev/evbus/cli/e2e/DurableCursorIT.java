package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** consume --durable NAME: a bus-kept cursor, so a consumer that comes back continues where the last one left off. */
@ExtendWith(EvbusExtension.class)
class DurableCursorIT {
    private static final String TYPE = "type=audit.*";

    @Test
    void consumerKilledWhileEventsFlowIsContinuedByTheNextWithTheSameNameAndTogetherTheyMissNothing(Evbus evbus) {
        // the anchor keeps the bus (and its log) alive while no durable consumer is attached
        EvbusProcess anchor = evbus.consumeReady("raw", "-p", TYPE);
        EvbusProcess first = evbus.consumeReady("raw", "-p", TYPE, "--durable", "audit");
        EvbusProcess publisher = evbus.start("publish", "--stdin");
        Feeder feeder = Feeder.start(publisher, anchor, "audit.entry", "a", 200);

        first.awaitStdoutLines(1_500);
        JsonNode[] cursor = new JsonNode[1];
        Poll.until(Poll.PATIENCE, "the first consumer to commit its cursor", () -> {
            cursor[0] = cursor(evbus, "audit");
            return cursor[0] != null && cursor[0].path("offset").asLong() > 0;
        }, () -> String.valueOf(cursor[0]));
        assertEquals(first.pid(), cursor[0].path("attached_pid").asLong(), cursor[0].toString());
        first.kill();
        first.awaitExit();
        int publishedAtKill = feeder.written();

        // the cursor outlives its consumer and falls behind as events keep coming
        Poll.until(Poll.PATIENCE, "the cursor to be detached and lagging", () -> {
            cursor[0] = cursor(evbus, "audit");
            return cursor[0] != null && cursor[0].path("attached_pid").isNull() && cursor[0].path("lag").asLong() > 0
                    && feeder.written() > publishedAtKill + 500;
        }, () -> String.valueOf(cursor[0]));
        assertEquals("raw", cursor[0].path("event_key").asText(), cursor[0].toString());
        long committed = cursor[0].path("offset").asLong();

        EvbusProcess second = evbus.consumeReady("raw", "-p", TYPE, "--durable", "audit");
        int writtenWhenReady = feeder.written();
        second.awaitStdoutLines(1);
        Poll.until(Poll.PATIENCE, "the second consumer to reach live events",
                () -> anchor.stdoutCount() > writtenWhenReady + 500, anchor::describe);
        int published = feeder.finish();
        assertEquals(0, publisher.awaitExit(), publisher.describe());
        assertEquals(List.of("accepted=" + published + " duplicates=0 rejected=0"), publisher.stderr());
        second.awaitStdoutContaining("\"a" + (published - 1) + "\"");

        List<Integer> firstIds = indexes(first, "a");
        List<Integer> secondIds = indexes(second, "a");
        for (int i = 0; i < firstIds.size(); i++) {
            assertEquals(i, firstIds.get(i), "the first consumer's events are a0, a1, ... in order");
        }
        int firstMissing = firstIds.size();
        int resumedAt = secondIds.get(0);
        assertTrue(resumedAt <= firstMissing, "the second consumer starts at a" + resumedAt
                + ", after a" + firstMissing + ", the first event the killed one never printed");
        // a fresh bus numbers a0 as offset 1: right after the committed offset is a<committed>
        assertEquals(committed, resumedAt, "the second consumer continues right after the committed offset " + committed);
        for (int i = 0; i < secondIds.size(); i++) {
            assertEquals(resumedAt + i, secondIds.get(i), "the second consumer's events follow one another without gap or duplicate");
        }
        BitSet union = new BitSet();
        firstIds.forEach(union::set);
        secondIds.forEach(union::set);
        assertEquals(published, union.cardinality(), "every published id reached one of the two consumers");
        assertEquals(published, union.nextClearBit(0));
        assertTrue(second.stderr().stream().noneMatch(line -> line.contains("warning")), second.describe());
    }

    @Test
    void aNameInUseIsRefusedToASecondConsumerAndToRemovalAndCanBeRemovedOnceFree(Evbus evbus) {
        EvbusProcess anchor = evbus.consumeReady("raw", "-p", TYPE);
        EvbusProcess holder = evbus.consumeReady("raw", "-p", TYPE, "--durable", "audit");

        CommandResult twin = evbus.run("consume", "raw", "-p", TYPE, "--durable", "audit");
        assertEquals(2, twin.exitCode(), twin.toString());
        assertTrue(twin.stderr().stream().anyMatch(line -> line.startsWith("evbus: ") && line.contains(Long.toString(holder.pid()))),
                "the refusal names the pid using the cursor\n" + twin);
        assertTrue(twin.stderr().stream().noneMatch(line -> line.startsWith(EvbusProcess.READY)), twin.toString());
        assertEquals(List.of(), twin.stdout());

        CommandResult busy = evbus.run("cursors", "rm", "audit");
        assertEquals(2, busy.exitCode(), busy.toString());
        assertTrue(busy.stderrText().contains(Long.toString(holder.pid())), busy.toString());
        assertEquals("audit", cursor(evbus, "audit").path("name").asText());

        evbus.publish("audit.entry", "x1", "{}");
        holder.awaitStdoutContaining("\"x1\"");
        holder.closeStdin();
        assertEquals(0, holder.awaitExit(), holder.describe());

        CommandResult removed = evbus.run("cursors", "rm", "audit");
        assertEquals(0, removed.exitCode(), removed.toString());
        assertEquals(null, cursor(evbus, "audit"), "the cursor is gone after cursors rm");
        CommandResult again = evbus.run("cursors", "rm", "audit");
        assertEquals(2, again.exitCode(), again.toString());
        assertTrue(anchor.isAlive(), anchor.describe());
    }

    @Test
    void aNameBelongsToOneSubscriptionAndAnotherSubscriptionIsRefusedIt(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        String journal = "file=" + evbus.workDir().resolve("journal.log");
        EvbusProcess anchor = evbus.consumeReady("raw");
        EvbusProcess roomA = evbus.consumeReady("journal", "-p", "room=a", "-p", journal, "--durable", "desk");
        String subscriptionA = cursor(evbus, "desk").path("subscription_id").asText();

        CommandResult whileAttached = evbus.run("consume", "journal", "-p", "room=b", "-p", journal, "--durable", "desk");
        assertEquals(2, whileAttached.exitCode(), whileAttached.toString());
        assertEquals(List.of(), whileAttached.stdout());

        roomA.closeStdin();
        assertEquals(0, roomA.awaitExit(), roomA.describe());
        // detached, the name still belongs to room a's subscription
        CommandResult detached = evbus.run("consume", "journal", "-p", "room=b", "-p", journal, "--durable", "desk");
        assertEquals(2, detached.exitCode(), detached.toString());
        assertEquals(1, detached.stderr().size(), detached.toString());
        assertTrue(detached.stderr().get(0).startsWith("evbus: "), detached.toString());
        assertEquals(List.of(), detached.stdout());
        JsonNode desk = cursor(evbus, "desk");
        assertEquals(subscriptionA, desk.path("subscription_id").asText(), desk.toString());
        assertTrue(desk.path("attached_pid").isNull(), desk.toString());
        assertTrue(anchor.isAlive(), anchor.describe());
    }

    @Test
    void cursorNameWithASlashExitsTwoWithOneLineAndStartsNoBus(Evbus evbus) {
        CommandResult result = evbus.run("consume", "raw", "--durable", "a/b");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(1, result.stderr().size(), result.toString());
        assertTrue(result.stderr().get(0).startsWith("evbus: ") && result.stderr().get(0).contains("--durable"), result.toString());
        assertEquals(List.of(), result.stdout());
        assertFalse(Files.exists(evbus.home().resolve("events")), "a refused consume must not start a bus");
    }

    /** The cursor of that name in {@code cursors --json}, or null. */
    static JsonNode cursor(Evbus evbus, String name) {
        CommandResult result = evbus.run("cursors", "--json");
        if (result.exitCode() != 0) {
            throw new AssertionError("cursors --json failed\n" + result);
        }
        for (JsonNode cursor : Evbus.parse(result.stdoutText()).path("cursors")) {
            if (cursor.path("name").asText().equals(name)) {
                return cursor;
            }
        }
        return null;
    }

    /** The numbers of the ids {@code <prefix>N} a consumer printed; a last line cut short by a kill is left out. */
    static List<Integer> indexes(EvbusProcess consumer, String prefix) {
        List<String> lines = consumer.stdout();
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event;
            try {
                event = Evbus.parse(lines.get(i));
            } catch (AssertionError torn) {
                if (i == lines.size() - 1 && !consumer.isAlive()) {
                    break;
                }
                throw torn;
            }
            String id = event.path("event_id").asText();
            assertTrue(id.startsWith(prefix), id);
            indexes.add(Integer.parseInt(id.substring(prefix.length())));
        }
        return indexes;
    }
}
