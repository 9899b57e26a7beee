package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Declarative keys: files in $EVBUS_HOME/keys that the CLI and the bus load like plugins, with no Java. */
@ExtendWith(EvbusExtension.class)
class KeyFilesIT {
    private static final String ORDERS = """
            key: orders
            description: Orders as they are placed
            event_types: [order.placed]
            """;

    private static Path install(Evbus evbus, String name, String text) throws IOException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        return Files.writeString(keys.resolve(name), text);
    }

    /** A zero-stage key prints each event's payload as it was published. */
    private static void assertConsumerPrintsThePayload(Evbus evbus, String payload) {
        EvbusProcess consumer = evbus.consumeReady("orders", "--max-events", "1");
        evbus.publish("order.placed", "o-1", payload);
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(List.of(payload), consumer.stdout());
    }

    @Test
    void aKeyFileIsListedWithItsFileAndItsConsumerPrintsThePayloads(Evbus evbus) throws IOException {
        Path file = install(evbus, "orders.yaml", ORDERS);

        CommandResult list = evbus.run("list");
        assertEquals(0, list.exitCode(), list.toString());
        int at = list.stdout().indexOf("orders  orders — Orders as they are placed");
        assertTrue(at >= 0, list.toString());
        assertEquals(List.of("    event type: order.placed", "    from: " + file), list.stdout().subList(at + 1, at + 3));
        CommandResult json = evbus.run("list", "--json");
        Optional<JsonNode> orders = StreamSupport.stream(Evbus.parse(json.stdoutText()).spliterator(), false)
                .filter(key -> key.path("key").asText().equals("orders")).findFirst();
        assertEquals(file.toString(), orders.orElseThrow(() -> new AssertionError(json.toString())).path("origin").asText());

        assertConsumerPrintsThePayload(evbus, "{\"id\":1,\"total\":9.5}");
    }

    @Test
    void keysCheckSaysOkForAGoodFileAndGivesEveryProblemOfABadOneWithItsLineWithoutABus(Evbus evbus) throws IOException {
        Files.writeString(evbus.workDir().resolve("good.yaml"), ORDERS);
        Files.writeString(evbus.workDir().resolve("bad.json"), """
                {
                  "key": "bad",
                  "event_types": ["a"],
                  "colour": "red",
                  "stages": [
                    {"nope": {}}
                  ]
                }
                """);
        CommandResult good = evbus.run("keys", "check", "good.yaml");
        assertEquals(0, good.exitCode(), good.toString());
        assertEquals(List.of("good.yaml: ok (key orders, 0 stages)"), good.stdout());

        CommandResult bad = evbus.run("keys", "check", "good.yaml", "bad.json");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertEquals(List.of("good.yaml: ok (key orders, 0 stages)"), bad.stdout());
        assertEquals(2, bad.stderr().size(), bad.toString());
        assertTrue(bad.stderr().get(0).startsWith("bad.json:4: colour: unknown field (fields: key, "), bad.toString());
        assertTrue(bad.stderr().get(1).startsWith("bad.json:6: stages[0].nope: unknown stage \"nope\" (stages: "), bad.toString());
        assertEquals(Optional.empty(), evbus.pidFromFile(), "keys check started a bus");
    }

    @Test
    void aBrokenKeyFileCostsAWarningAndTheGoodKeyBesideItWorks(Evbus evbus) throws IOException {
        Path broken = install(evbus, "a-broken.yaml", "key: broken\nevent_types: [a\n");
        install(evbus, "b-orders.yaml", ORDERS);

        CommandResult list = evbus.run("list");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(List.of("evbus: warning: key file \"" + broken + "\":2: event_types[0]: not valid YAML: "
                + "expected ',' or ']', but got <stream end> (while parsing a flow sequence)"), list.stderr());
        assertTrue(list.stdout().stream().anyMatch(line -> line.startsWith("orders  ")), list.toString());

        assertConsumerPrintsThePayload(evbus, "{\"id\":2}");
    }

    /** 4 MiB is the limit of a config or key file (decision 0041); this one is 5 MB, a comment for the rest. */
    @Test
    void aKeyFilePastTheSizeLimitIsRefusedWithOneLineAndTheKeyBesideItWorks(Evbus evbus) throws IOException {
        Path huge = install(evbus, "a-huge.yaml", "key: huge\nevent_types: [a]\n# " + "x".repeat(5_000_000) + "\n");
        install(evbus, "b-orders.yaml", ORDERS);
        String refusal = "key file \"" + huge + "\": cannot be read: larger than 4MiB, the limit for a config or key file";

        CommandResult list = evbus.run("list");
        assertEquals(0, list.exitCode(), list.toString());
        assertEquals(List.of("evbus: warning: " + refusal), list.stderr());
        assertTrue(list.stdout().stream().anyMatch(line -> line.startsWith("orders  ")), list.toString());
        assertTrue(list.stdout().stream().noneMatch(line -> line.startsWith("huge  ")), list.toString());

        CommandResult check = evbus.run("keys", "check", huge.toString());
        assertEquals(2, check.exitCode(), check.toString());
        assertEquals(List.of(huge + ": cannot be read: larger than 4MiB, the limit for a config or key file"),
                check.stderr());

        CommandResult consume = evbus.run("consume", "huge", "--max-events", "1");
        assertEquals(2, consume.exitCode(), consume.toString());
        assertEquals(List.of("evbus: unknown event key \"huge\" (run `evbus list` to see the keys)"), consume.stderr());

        assertConsumerPrintsThePayload(evbus, "{\"id\":3}");
    }

    @Test
    void declarativeHooksCallTheAppsApiAndTheBusRunsTheCleanupOfAKilledConsumer(Evbus evbus) throws IOException {
        install(evbus, "rooms.yaml", """
                key: rooms
                event_types: [room.*]
                params:
                  - {name: room, required: true, subscription_key: true, description: the room to follow}
                pre_consume: {method: POST, path: '"/rooms/" + $params.room', body: '{room: $params.room}'}
                cleanup: {method: DELETE, path: '/rooms/${room}'}
                """);
        List<String> calls = new CopyOnWriteArrayList<>();
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + (body.isEmpty() ? "" : " " + body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        api.start();
        try {
            evbus.writeAppConfig("{\"api\": {\"base_url\": \"http://127.0.0.1:" + api.getAddress().getPort() + "/\"}}");

            EvbusProcess polite = evbus.consumeReady("rooms", "-p", "room=r1");
            assertEquals(List.of("POST /rooms/r1 {\"room\":\"r1\"}"), calls);
            polite.terminate();
            assertEquals(0, polite.awaitExit(), polite.describe());
            assertEquals(List.of("POST /rooms/r1 {\"room\":\"r1\"}", "DELETE /rooms/r1"), calls);

            EvbusProcess killed = evbus.consumeReady("rooms", "-p", "room=r2");
            long busPid = evbus.busPid();
            killed.kill();
            killed.awaitExit();
            Poll.until(Poll.PATIENCE, "the bus's cleanup of room r2", () -> calls.contains("DELETE /rooms/r2"),
                    () -> calls + "\n" + String.join("\n", evbus.busLogLines()));
            Evbus.awaitProcessExit(busPid);
            assertEquals(List.of("POST /rooms/r1 {\"room\":\"r1\"}", "DELETE /rooms/r1", "POST /rooms/r2 {\"room\":\"r2\"}",
                    "DELETE /rooms/r2"), calls);
            assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("done by the bus")),
                    String.join("\n", evbus.busLogLines()));
        } finally {
            api.stop(0);
        }
    }
}
