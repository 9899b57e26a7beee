package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The plugin guide of docs/keys.md, followed literally: build examples/shop-orders with its build.sh,
 * drop the jar into $EVBUS_HOME/plugins, configure the app's API, consume. The API is a real
 * HTTP server here, so preConsume, process and cleanup are seen from the other side.
 */
@ExtendWith(EvbusExtension.class)
class ExamplePluginIT {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer api;

    @AfterEach
    void stopApi() {
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void pluginKeyNormalizesMatchesProcessesAndCleansUpOnceThroughTheAppApi(Evbus evbus) throws Exception {
        startApi();
        installPlugin(evbus);
        Files.createDirectories(evbus.home().resolve("apps"));
        Files.writeString(evbus.home().resolve("apps/default.json"), "{\"api\":{\"base_url\":\"http://127.0.0.1:"
                + api.getAddress().getPort() + "/api\",\"token_env\":\"SHOP_TOKEN\"}}");
        evbus.env("SHOP_TOKEN", "s3cret");

        EvbusProcess upper = evbus.consumeReady("shop.orders", "-p", "region=EU", "--as", "bot");
        EvbusProcess lower = evbus.consumeReady("shop.orders", "-p", "region=eu", "--as", "bot");
        evbus.publish("order.placed", "o-1", "{\"region\":\"eu\",\"total\":30,\"customer_id\":\"c7\"}");
        evbus.publish("order.placed", "o-2", "{\"region\":\"us\",\"total\":99,\"customer_id\":\"c8\"}");
        evbus.publish("order.paid", "o-3", "{\"region\":\"eu\",\"total\":30,\"customer_id\":\"c7\"}");

        for (EvbusProcess consumer : List.of(upper, lower)) {
            consumer.awaitStdoutLines(2);
            List<JsonNode> events = consumer.stdoutJson();
            assertEquals("o-1", events.get(0).path("order_id").asText());
            assertEquals("placed", events.get(0).path("status").asText());
            assertEquals("Ada c7", events.get(0).path("customer").asText());
            assertEquals("o-3", events.get(1).path("order_id").asText());
        }

        upper.closeStdin(); // a parent closing stdin ends its consumer
        assertEquals(0, upper.awaitExit(), upper.describe());
        assertTrue(upper.exitedLine().endsWith("(reason: stdin_closed)"), upper.describe());
        lower.terminate();
        assertEquals(0, lower.awaitExit(), lower.describe());

        List<String> lifecycle = requests.stream().filter(r -> r.contains("/subscriptions")).toList();
        assertEquals(List.of("POST /api/subscriptions as=bot auth=Bearer s3cret {\"region\":\"eu\"}",
                "DELETE /api/subscriptions/eu as=bot auth=Bearer s3cret "), lifecycle,
                "one registration for EU and eu together, undone once by the last to leave");
        assertEquals(4, requests.stream().filter(r -> r.startsWith("GET /api/customers/c7")).count(),
                "each of the two consumers enriches each of its two events: " + requests);
    }

    @Test
    void consumingWithAnIdentityTheKeyDoesNotAcceptIsRefusedBeforeAnySideEffect(Evbus evbus) throws Exception {
        installPlugin(evbus);
        CommandResult result = evbus.run("consume", "shop.orders", "-p", "region=eu", "--as", "robot");
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("evbus: --as must be user, bot or auto, not \"robot\""), result.stderr());
        assertTrue(Files.notExists(evbus.home().resolve("events")), "no bus was started");
    }

    private void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path
                    + " as=" + exchange.getRequestHeaders().getFirst("X-Evbus-As")
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String answer = path.startsWith("/api/customers/")
                    ? "{\"name\":\"Ada " + path.substring("/api/customers/".length()) + "\"}" : "{\"ok\":true}";
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
    }

    /** The guide's steps: build.sh, then copy the jar into the plugins directory. */
    private static void installPlugin(Evbus evbus) throws Exception {
        Process build = new ProcessBuilder(evbus.root().resolve("examples/shop-orders/build.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(120, TimeUnit.SECONDS), "build.sh did not finish");
        assertEquals(0, build.exitValue(), output);
        Files.createDirectories(evbus.home().resolve("plugins"));
        Files.copy(evbus.root().resolve("examples/shop-orders/shop-orders.jar"), evbus.home().resolve("plugins/shop-orders.jar"));
    }
}
