package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's plugin guide, followed literally: build examples/shop-orders with its build.sh,
 * drop the jar into $EVBUS_HOME/plugins, configure the app's API, consume. The API is a real
 * HTTP server in this test, so preConsume, process and cleanup are seen from the other side.
 */
class ExamplePluginIT {
    private static final Path ROOT = Path.of(System.getProperty("evbus.root", "..")).toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path home;

    private HttpServer api;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (Process process : processes) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        run("stop", "--all", "--force");
        if (api != null) {
            api.stop(0);
        }
    }

    @Test
    void pluginKeyNormalizesMatchesProcessesAndCleansUpOnceThroughTheAppApi() throws Exception {
        startApi();
        installPlugin();
        Files.createDirectories(home.resolve("apps"));
        Files.writeString(home.resolve("apps/default.json"), "{\"api\":{\"base_url\":\"http://127.0.0.1:"
                + api.getAddress().getPort() + "/api\",\"token_env\":\"SHOP_TOKEN\"}}");

        Consumer upper = consume("shop.orders", "-p", "region=EU", "--as", "bot");
        upper.awaitStderr(line -> line.equals("[event] ready event_key=shop.orders"));
        Consumer lower = consume("shop.orders", "-p", "region=eu", "--as", "bot");
        lower.awaitStderr(line -> line.equals("[event] ready event_key=shop.orders"));

        assertEquals(0, run("publish", "order.placed", "--id", "o-1", "--data",
                "{\"region\":\"eu\",\"total\":30,\"customer_id\":\"c7\"}").exitCode);
        assertEquals(0, run("publish", "order.placed", "--id", "o-2", "--data",
                "{\"region\":\"us\",\"total\":99,\"customer_id\":\"c8\"}").exitCode);
        assertEquals(0, run("publish", "order.paid", "--id", "o-3", "--data",
                "{\"region\":\"eu\",\"total\":30,\"customer_id\":\"c7\"}").exitCode);

        for (Consumer consumer : List.of(upper, lower)) {
            consumer.awaitStdoutLines(2);
            JsonNode first = new ObjectMapper().readTree(consumer.stdout.get(0));
            assertEquals("o-1", first.path("order_id").asText());
            assertEquals("placed", first.path("status").asText());
            assertEquals("Ada c7", first.path("customer").asText());
            assertEquals("o-3", new ObjectMapper().readTree(consumer.stdout.get(1)).path("order_id").asText());
        }

        upper.process.getOutputStream().close(); // the parent closing stdin ends a consumer
        assertEquals(0, upper.awaitExit());
        assertTrue(upper.stderr.stream().anyMatch(l -> l.endsWith("(reason: stdin_closed)")), upper.stderr.toString());
        lower.process.destroy(); // SIGTERM
        assertEquals(0, lower.awaitExit());

        List<String> lifecycle = requests.stream().filter(r -> r.contains("/subscriptions")).toList();
        assertEquals(List.of("POST /api/subscriptions as=bot auth=Bearer s3cret {\"region\":\"eu\"}",
                "DELETE /api/subscriptions/eu as=bot auth=Bearer s3cret "), lifecycle);
        assertEquals(4, requests.stream().filter(r -> r.startsWith("GET /api/customers/c7")).count(),
                "each of the two consumers enriches each of its two events: " + requests);
    }

    @Test
    void consumingWithAnIdentityTheKeyDoesNotAcceptIsRefusedBeforeAnySideEffect() throws Exception {
        installPlugin();
        Result result = run("consume", "shop.orders", "-p", "region=eu", "--as", "robot");
        assertEquals(2, result.exitCode);
        assertEquals(List.of("evbus: --as must be user, bot or auto, not \"robot\""), result.stderr);
        assertTrue(Files.notExists(home.resolve("events")), "no bus was started");
    }

    private void startApi() throws IOException {
        api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        api.createContext("/api", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                    + " as=" + exchange.getRequestHeaders().getFirst("X-Evbus-As")
                    + " auth=" + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            String path = exchange.getRequestURI().getPath();
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

    private void installPlugin() throws Exception {
        Process build = new ProcessBuilder(ROOT.resolve("examples/shop-orders/build.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, build.waitFor(), output);
        Files.createDirectories(home.resolve("plugins"));
        Files.copy(ROOT.resolve("examples/shop-orders/shop-orders.jar"), home.resolve("plugins/shop-orders.jar"));
    }

    private ProcessBuilder evbus(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("bin/evbus").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("EVBUS_HOME", home.toString());
        env.put("EVBUS_IDLE_TIMEOUT", "2s");
        env.put("SHOP_TOKEN", "s3cret");
        env.remove("EVBUS_APP");
        return builder;
    }

    private Consumer consume(String... args) throws IOException {
        List<String> full = new ArrayList<>(List.of("consume"));
        full.addAll(List.of(args));
        Process process = evbus(full.toArray(String[]::new)).start();
        processes.add(process);
        return new Consumer(process);
    }

    private Result run(String... args) throws Exception {
        Process process = evbus(args).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        processes.add(process);
        Consumer streams = new Consumer(process);
        int code = streams.awaitExit();
        return new Result(code, streams.stdout, streams.stderr);
    }

    private record Result(int exitCode, List<String> stdout, List<String> stderr) {
    }

    /** A running evbus process whose output lines are collected as they arrive. */
    private static final class Consumer {
        final Process process;
        final List<String> stdout = new CopyOnWriteArrayList<>();
        final List<String> stderr = new CopyOnWriteArrayList<>();
        private final Thread[] readers;

        Consumer(Process process) {
            this.process = process;
            readers = new Thread[] {collect(process.getInputStream(), stdout), collect(process.getErrorStream(), stderr)};
        }

        private static Thread collect(java.io.InputStream in, List<String> lines) {
            return Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    // process ended
                }
            });
        }

        void awaitStderr(Predicate<String> wanted) throws InterruptedException {
            awaitCondition(() -> stderr.stream().anyMatch(wanted), "stderr line; got " + stderr);
        }

        void awaitStdoutLines(int count) throws InterruptedException {
            awaitCondition(() -> stdout.size() >= count, count + " stdout lines; got " + stdout + " / " + stderr);
        }

        int awaitExit() throws InterruptedException {
            assertTrue(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "process did not exit: " + stderr);
            for (Thread reader : readers) {
                reader.join(PATIENCE.toMillis());
            }
            return process.exitValue();
        }

        private void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline || !process.isAlive() && !condition.getAsBoolean()) {
                    throw new AssertionError("gave up waiting for " + what);
                }
                Thread.sleep(20);
            }
        }
    }
}
