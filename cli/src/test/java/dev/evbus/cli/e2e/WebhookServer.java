package dev.evbus.cli.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP endpoint on a loopback port for pipelines to call: {@code /hook} records every POST
 * and answers 503 while told to fail; {@code /api/users/ID} answers a profile, as an app's API would.
 */
final class WebhookServer implements AutoCloseable {
    /** One request the hook received, its Idempotency-Key header (null without one), and whether it was answered with success. */
    record Delivery(JsonNode body, String idempotencyKey, boolean accepted) {
    }

    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    /** Requests still to refuse; negative refuses all. */
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger profileCalls = new AtomicInteger();
    /** How long each hook request takes to answer, in ms: a slow receiver keeps a stream in flight. */
    private volatile long delayMillis;

    WebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::hook);
        server.createContext("/api/users/", this::profile);
        server.start();
    }

    String hookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    String apiBaseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    /** Refuses the next {@code count} deliveries, then accepts. */
    void failNext(int count) {
        failuresLeft.set(count);
    }

    void failAlways() {
        failuresLeft.set(-1);
    }

    void answerAfter(long millis) {
        delayMillis = millis;
    }

    void recover() {
        failuresLeft.set(0);
    }

    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    List<JsonNode> accepted() {
        return deliveries.stream().filter(Delivery::accepted).map(Delivery::body).toList();
    }

    int profileCalls() {
        return profileCalls.get();
    }

    private void hook(HttpExchange exchange) throws IOException {
        JsonNode body = Evbus.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis); // the receiver's own latency, which the test sets; no test waits on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int left = failuresLeft.getAndUpdate(n -> n > 0 ? n - 1 : n);
        boolean accept = left == 0;
        deliveries.add(new Delivery(body, exchange.getRequestHeaders().getFirst("Idempotency-Key"), accept));
        answer(exchange, accept ? 200 : 503, accept ? "{\"ok\":true}" : "{\"ok\":false}");
    }

    private void profile(HttpExchange exchange) throws IOException {
        profileCalls.incrementAndGet();
        String id = exchange.getRequestURI().getPath().substring("/api/users/".length());
        answer(exchange, 200, "{\"user_id\":\"" + id + "\",\"name\":\"Ada Lovelace\",\"plan\":\"pro\"}");
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
