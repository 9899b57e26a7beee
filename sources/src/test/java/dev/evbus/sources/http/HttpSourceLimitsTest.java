package dev.evbus.sources.http;

import static dev.evbus.sources.http.HttpSourceApiTest.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSourceLimitsTest {
    private static final String TOO_LARGE = "{\"success\":false,\"message\":\"the body is larger than max_body (1KiB)\"}";

    private RunningSource running;

    @BeforeEach
    void start() throws Exception {
        running = new RunningSource("\"max_body\": \"1KiB\"");
    }

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void aDeclaredLengthOverMaxBodyIsAnswered413BeforeTheBodyIsSent() throws Exception {
        try (RawConnection raw = new RawConnection(running.base)) {
            raw.send("POST /events HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n");

            RawConnection.Response response = raw.readResponse();

            assertEquals(413, response.status());
            assertEquals("application/json", response.headers().get("content-type"));
            assertEquals("close", response.headers().get("connection"));
            assertEquals(TOO_LARGE, response.body());
        }
        assertEquals(List.of(), running.ingest.published());
        assertEquals(1, running.source.report().errors());
    }

    @Test
    void aBodyOverMaxBodyIs413FromTheJdkClient() throws Exception {
        String padded = event("big", "t").replace("\"data\":1", "\"data\":\"" + "x".repeat(1100) + "\"");

        HttpResponse<String> response = running.post("/events/batch", "[" + padded + "]");

        assertEquals(413, response.statusCode());
        assertEquals(TOO_LARGE, response.body());
        assertEquals(List.of(), running.ingest.published());
    }

    @Test
    void aChunkedBodyIsCountedWhileReadAndCutAtMaxBody() throws Exception {
        byte[] over = ("[" + event("big", "t").replace("\"data\":1", "\"data\":\"" + "x".repeat(4000) + "\"") + "]")
                .getBytes(StandardCharsets.UTF_8);
        byte[] under = ("[" + event("a", "t") + "," + event("b", "t") + "]").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = running.send(HttpRequest.newBuilder(running.base.resolve("/events/batch"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(over))));
        HttpResponse<String> taken = running.send(HttpRequest.newBuilder(running.base.resolve("/events/batch"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(under))));

        assertEquals(413, refused.statusCode());
        assertEquals(TOO_LARGE, refused.body());
        assertEquals(200, taken.statusCode());
        assertEquals("{\"total\":2,\"processed\":2,\"filtered\":0}", taken.body());
        assertEquals(List.of("a", "b"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
    }

    @Test
    void aSlowLorisClientBlocksNoOneAndIsCutAfterTheReadTimeout() throws Exception {
        try (RawConnection halfHeaders = new RawConnection(running.base);
                RawConnection halfBody = new RawConnection(running.base);
                RawConnection silent = new RawConnection(running.base)) {
            long sent = System.nanoTime();
            halfHeaders.send("POST /events HTTP/1.1\r\nHost: test\r\nContent-Le");
            halfBody.send("POST /events HTTP/1.1\r\nHost: test\r\nContent-Length: 200\r\n\r\n{\"id\":\"slow\",");

            HttpResponse<String> meanwhile = running.post("/events", event("fast", "t"));

            assertEquals(200, meanwhile.statusCode());
            assertTrue(halfHeaders.closedByServer(), "the server should cut a request whose headers stall");
            assertTrue(halfBody.closedByServer(), "the server should cut a request whose body stalls");
            assertTrue(silent.closedByServer(), "the server should cut a connection that never sends a byte");
            long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(waitedMillis >= 900, "cut after " + waitedMillis + " ms, before the 1 s read timeout");
        }
        assertEquals(List.of("fast"), running.ingest.published().stream().map(FakeIngest.Published::id).toList());
    }

    @Test
    void aThousandKeepAliveConnectionsAreServedAndStayOpen() throws Exception {
        int count = 1000;
        List<RawConnection> connections = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                RawConnection connection = new RawConnection(running.base);
                connections.add(connection);
                connection.send("GET /health HTTP/1.1\r\nHost: test\r\n\r\n");
            }
            for (RawConnection connection : connections) {
                assertEquals(200, connection.readResponse().status());
            }

            HttpResponse<String> another = running.post("/events", event("while-busy", "t"));
            for (int i = 0; i < count; i++) {
                connections.get(i).send("POST /events HTTP/1.1\r\nHost: test\r\nContent-Length: "
                        + event("k" + i, "t").length() + "\r\n\r\n" + event("k" + i, "t"));
            }
            int served = 0;
            for (RawConnection connection : connections) {
                served += connection.readResponse().status() == 200 ? 1 : 0;
            }
            assertEquals(200, another.statusCode());
            assertEquals(count, served, "every connection kept alive for a second request");
            assertEquals(count + 1, running.ingest.published().size());
        } finally {
            for (RawConnection connection : connections) {
                connection.close();
            }
        }
    }
}
