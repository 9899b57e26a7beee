package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * One HTTP answer: a status, a JSON body and extra headers. Every answer of the source is JSON
 * with {@code Content-Type: application/json}.
 */
record Answer(int status, JsonNode body, Map<String, String> headers) {
    static Answer ok(JsonNode body) {
        return new Answer(200, body, Map.of());
    }

    /** {@code {"success":<ok>,"message":<message>}}. */
    static Answer message(int status, String message) {
        return message(status, message, Map.of());
    }

    static Answer message(int status, String message, Map<String, String> headers) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("success", status < 400);
        body.put("message", message);
        return new Answer(status, body, headers);
    }

    boolean isError() {
        return status >= 400;
    }

    /** Sends the answer and ends the exchange (no body for a HEAD request). */
    void send(HttpExchange exchange) throws IOException {
        byte[] bytes = JsonBodies.compact(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }
}
