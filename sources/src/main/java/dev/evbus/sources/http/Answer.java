package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * One HTTP answer: a status, a body already in bytes, and extra headers. Every answer is JSON with
 * {@code Content-Type: application/json} but {@code /metrics}, whose headers name its own type. The answers sent on every accepted or
 * filtered event are constants, so the hot path builds and serialises nothing.
 */
record Answer(int status, byte[] body, Map<String, String> headers) {
    static final Answer PROCESSED = message(200, "Event processed");
    static final Answer FILTERED = message(200, "Event filtered");
    /** A request without the configured bearer token, on any path, so paths cannot be probed without it. */
    static final Answer UNAUTHORIZED = message(401, "missing or wrong bearer token; send Authorization: Bearer <token>",
            Map.of("WWW-Authenticate", "Bearer"));

    static Answer ok(JsonNode body) {
        return new Answer(200, JsonBodies.compact(body), Map.of());
    }

    /** {@code {"success":<ok>,"message":<message>}}. */
    static Answer message(int status, String message) {
        return message(status, message, Map.of());
    }

    static Answer message(int status, String message, Map<String, String> headers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("success", status < 400);
        body.put("message", message);
        return new Answer(status, JsonBodies.compact(body), headers);
    }

    boolean isError() {
        return status >= 400;
    }

    /** Sends the answer and ends the exchange (no body for a HEAD request). */
    void send(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }
}
