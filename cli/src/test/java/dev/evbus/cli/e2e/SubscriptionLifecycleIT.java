package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * preConsume once per subscription, cleanup once when its last consumer leaves, whoever that is:
 * another consumer, or the bus itself when the last one dies. The journal key records every run.
 */
@ExtendWith(EvbusExtension.class)
class SubscriptionLifecycleIT {

    private static Journal setUp(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        evbus.env("EVBUS_IDLE_TIMEOUT", "1s");
        return new Journal(evbus.workDir().resolve("journal.log"));
    }

    private static EvbusProcess consumer(Evbus evbus, Journal journal, String key, String room, String... more) {
        List<String> args = new ArrayList<>(List.of(key, "-p", "room=" + room, "-p", "file=" + journal.file()));
        args.addAll(List.of(more));
        return evbus.consume(args.toArray(String[]::new));
    }

    private static void stop(EvbusProcess consumer) {
        consumer.terminate();
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertTrue(consumer.exitedLine().endsWith("(reason: signal)"), consumer.exitedLine());
    }

    @Test
    void threeConcurrentConsumersOfOneRoomRunOnePreAndOneCleanupByTheLastToLeave(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        List<EvbusProcess> consumers = IntStream.range(0, 3).mapToObj(i -> consumer(evbus, journal, "journal", "r")).toList();
        consumers.forEach(EvbusProcess::awaitReady);
        long busPid = evbus.busPid();

        List<Journal.Entry> pre = journal.entries("pre");
        assertEquals(1, pre.size(), journal.toString());
        Set<Long> pids = consumers.stream().map(EvbusProcess::pid).collect(Collectors.toSet());
        assertTrue(pids.contains(pre.get(0).pid()), "preConsume ran in a consumer: " + journal);

        EvbusProcess setUpBy = consumers.stream().filter(c -> c.pid() == pre.get(0).pid()).findFirst().orElseThrow();
        for (EvbusProcess other : consumers) {
            if (other != setUpBy) {
                stop(other);
                assertEquals(List.of(), journal.entries("cleanup-start"), "cleanup while a consumer remains: " + journal);
            }
        }
        stop(setUpBy);

        Evbus.awaitProcessExit(busPid);
        assertEquals(List.of(new Journal.Entry("pre", "r", setUpBy.pid()),
                new Journal.Entry("cleanup-start", "r", setUpBy.pid()),
                new Journal.Entry("cleanup", "r", setUpBy.pid())), journal.entries());
    }

    @Test
    void firstConsumerLeavingBeforeTheOthersLeavesTheCleanupToTheLast(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        EvbusProcess first = consumer(evbus, journal, "journal", "r").awaitReady();
        EvbusProcess second = consumer(evbus, journal, "journal", "r");
        EvbusProcess third = consumer(evbus, journal, "journal", "r");
        second.awaitReady();
        third.awaitReady();
        long busPid = evbus.busPid();

        stop(first);
        stop(second);
        assertEquals(List.of(new Journal.Entry("pre", "r", first.pid())), journal.entries());
        stop(third);

        Evbus.awaitProcessExit(busPid);
        assertEquals(List.of(new Journal.Entry("pre", "r", first.pid()),
                new Journal.Entry("cleanup-start", "r", third.pid()),
                new Journal.Entry("cleanup", "r", third.pid())), journal.entries());
    }

    @Test
    void twoRoomsAreIndependentSubscriptionsWithTheirOwnPreAndCleanup(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        EvbusProcess red = consumer(evbus, journal, "journal", "red");
        EvbusProcess blue = consumer(evbus, journal, "journal", "blue");
        red.awaitReady();
        blue.awaitReady();
        long busPid = evbus.busPid();
        assertEquals(List.of(new Journal.Entry("pre", "red", red.pid())), journal.entries("pre", "red"));
        assertEquals(List.of(new Journal.Entry("pre", "blue", blue.pid())), journal.entries("pre", "blue"));

        stop(red);
        assertEquals(List.of(new Journal.Entry("cleanup", "red", red.pid())), journal.entries("cleanup", "red"));
        assertEquals(List.of(), journal.entries("cleanup-start", "blue"), "blue still has its consumer: " + journal);

        stop(blue);
        Evbus.awaitProcessExit(busPid);
        assertEquals(List.of(new Journal.Entry("cleanup", "blue", blue.pid())), journal.entries("cleanup", "blue"));
        assertEquals(List.of(new Journal.Entry("cleanup", "red", red.pid())), journal.entries("cleanup", "red"));
    }

    @Test
    void consumerArrivingDuringACleanupRunsItsPreOnlyAfterTheCleanupEnds(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        // long enough that the newcomer's JVM is up and saying hello while the cleanup still runs
        EvbusProcess leaving = consumer(evbus, journal, "journal", "r", "-p", "cleanup_ms=2500").awaitReady();
        leaving.terminate();
        journal.await("cleanup-start", "r", 1);
        EvbusProcess arriving = consumer(evbus, journal, "journal", "r");
        assertEquals(0, leaving.awaitExit(), leaving.describe());
        arriving.awaitReady();

        assertEquals(List.of(new Journal.Entry("pre", "r", leaving.pid()),
                new Journal.Entry("cleanup-start", "r", leaving.pid()),
                new Journal.Entry("cleanup", "r", leaving.pid()),
                new Journal.Entry("pre", "r", arriving.pid())), journal.entries());
        // It really arrived during the cleanup: its hello found the lock held for the leaving
        // consumer's cleanup (started before it was launched) and waited until that consumer left.
        List<String> log = evbus.busLogLines();
        int waited = indexOf(log, "consumer pid " + arriving.pid() + " waits for subscription",
                ": cleanup by pid " + leaving.pid() + " in progress");
        int left = indexOf(log, "consumer pid " + leaving.pid() + " key \"journal\"", " detached ");
        int attached = indexOf(log, "consumer pid " + arriving.pid() + " key \"journal\"", "(first: runs preConsume)");
        assertTrue(waited >= 0 && waited < left && waited < attached, "bus log lines out of order:\n" + String.join("\n", log));
    }

    /** The index of the first line holding both parts; -1 when none does. */
    private static int indexOf(List<String> lines, String part, String other) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part) && lines.get(i).contains(other)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void whenTheLastConsumerIsKilledTheBusRunsTheCleanupOnce(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        EvbusProcess first = consumer(evbus, journal, "journal", "r").awaitReady();
        EvbusProcess second = consumer(evbus, journal, "journal", "r").awaitReady();
        long busPid = evbus.busPid();

        first.kill();
        first.awaitExit();
        JsonNode status = evbus.awaitConsumers(1);
        assertEquals(second.pid(), status.path("consumers").get(0).path("pid").asLong(), status.toString());
        assertEquals(List.of(), journal.entries("cleanup-start"), "a consumer remains: " + journal);

        second.kill();
        journal.await("cleanup", "r", 1);
        Evbus.awaitProcessExit(busPid);
        assertEquals(List.of(new Journal.Entry("pre", "r", first.pid()),
                new Journal.Entry("cleanup-start", "r", busPid),
                new Journal.Entry("cleanup", "r", busPid)), journal.entries());
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("done by the bus")),
                String.join("\n", evbus.busLogLines()));
    }

    @Test
    void normalizeMakesRoomsThatDifferOnlyInCaseOneSubscription(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        EvbusProcess upper = consumer(evbus, journal, "lobby", "ABC").awaitReady();
        EvbusProcess lower = consumer(evbus, journal, "lobby", "abc").awaitReady();
        long busPid = evbus.busPid();

        assertEquals(List.of(new Journal.Entry("pre", "abc", upper.pid())), journal.entries());
        JsonNode consumers = evbus.status().path("consumers");
        assertEquals(2, consumers.size(), consumers.toString());
        String subscription = consumers.get(0).path("subscription_id").asText();
        assertTrue(subscription.startsWith("lobby:"), subscription);
        assertEquals(subscription, consumers.get(1).path("subscription_id").asText(), consumers.toString());

        stop(upper);
        stop(lower);
        Evbus.awaitProcessExit(busPid);
        assertEquals(List.of(new Journal.Entry("pre", "abc", upper.pid()),
                new Journal.Entry("cleanup", "abc", lower.pid())), journal.entries());
        assertNotEquals(upper.pid(), lower.pid());
    }

    @Test
    void theBusCleansUpForAKilledConsumerWithThatConsumersParamsAndApiTokenNotItsOwn(Evbus evbus) throws IOException {
        Journal journal = setUp(evbus);
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            calls.add(exchange.getRequestURI().getPath() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        api.start();
        try {
            evbus.writeAppConfig("{\"api\": {\"base_url\": \"http://127.0.0.1:" + api.getAddress().getPort()
                    + "/\", \"token_env\": \"SHOP_TOKEN\"}}");
            EvbusProcess forker = consumer(evbus, journal, "journal", "a").awaitReady(); // the bus has no token
            evbus.env("SHOP_TOKEN", "t0k-set-later");
            EvbusProcess stays = consumer(evbus, journal, "journal", "b", "-p", "api_path=/cleanup/stays").awaitReady();
            EvbusProcess goes = consumer(evbus, journal, "journal", "b", "-p", "api_path=/cleanup/goes").awaitReady();
            stop(goes); // joined last, but left: the cleanup is not its to shape
            stays.kill();

            Poll.until(Poll.PATIENCE, "the bus's cleanup of room b to end", () -> evbus.busLogLines().stream()
                    .anyMatch(line -> line.contains("done by the bus") || line.contains("failed:")), journal::toString);
            assertEquals(List.of("/cleanup/stays Bearer t0k-set-later"), calls, String.join("\n", evbus.busLogLines()));
            assertTrue(evbus.busLogLines().stream().noneMatch(line -> line.contains("t0k")), "the token is logged");
            assertFalse(evbus.status().toString().contains("t0k"), "the token is in status");
            stop(forker);
        } finally {
            api.stop(0);
        }
    }
}
