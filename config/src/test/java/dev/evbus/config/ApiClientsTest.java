package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiClientsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String APP = "shop";

    /** What the API server saw of the last request. */
    private record Seen(String method, String path, Headers headers, byte[] body) {
    }

    @TempDir
    Path root;
    private Home home;
    private HttpServer server;
    private final AtomicReference<Seen> lastRequest = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        home = new Home(root);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        lastRequest.set(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders(), body));
        byte[] reply;
        int status;
        if (path.endsWith("/missing")) {
            status = 404;
            reply = "no such thing".getBytes(StandardCharsets.UTF_8);
        } else if (exchange.getRequestMethod().equals("POST")) {
            status = 200;
            reply = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().set("echo", MAPPER.readTree(body)));
        } else {
            status = 200;
            reply = "{\"items\":[1,2]}".getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, reply.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply);
        }
    }

    private void writeConfig(String tokenEnv) throws IOException {
        Path file = home.appConfig(APP);
        Files.createDirectories(file.getParent());
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
        Files.writeString(file, "{\"api\": {\"base_url\": \"" + base + "\", \"token_env\": \"" + tokenEnv + "\"}}");
    }

    private APIClient client(Map<String, String> env) {
        return ApiClients.forApp(home, APP, AuthType.BOT, env);
    }

    @Test
    void withoutConfigFileCallsFailNamingTheFileToCreate() {
        ApiException e = assertThrows(ApiException.class, () -> client(Map.of()).get("/items"));
        assertTrue(e.getMessage().contains(home.appConfig(APP).toString()), e.getMessage());
    }

    @Test
    void getSendsBearerTokenAndIdentityAndParsesJson() throws Exception {
        writeConfig("SHOP_TOKEN");
        JsonNode answer = client(Map.of("SHOP_TOKEN", "s3cret")).get("/items");

        assertEquals(MAPPER.readTree("{\"items\":[1,2]}"), answer);
        Seen seen = lastRequest.get();
        assertEquals("GET", seen.method());
        assertEquals("/api/items", seen.path());
        assertEquals("Bearer s3cret", seen.headers().getFirst("Authorization"));
        assertEquals("bot", seen.headers().getFirst("X-Evbus-As"));
    }

    @Test
    void postSendsJsonBody() throws Exception {
        writeConfig("SHOP_TOKEN");
        JsonNode body = MAPPER.readTree("{\"name\":\"hook\",\"n\":3}");
        JsonNode answer = client(Map.of("SHOP_TOKEN", "s3cret")).post("webhooks", body);

        Seen seen = lastRequest.get();
        assertEquals("POST", seen.method());
        assertEquals("/api/webhooks", seen.path());
        assertEquals("application/json", seen.headers().getFirst("Content-Type"));
        assertEquals(body, MAPPER.readTree(seen.body()));
        assertEquals("Bearer s3cret", seen.headers().getFirst("Authorization"));
        assertEquals("bot", seen.headers().getFirst("X-Evbus-As"));
        assertEquals(body, answer.get("echo"));
    }

    @Test
    void notFoundFailsWithTheStatus() throws Exception {
        writeConfig("SHOP_TOKEN");
        ApiException e = assertThrows(ApiException.class, () -> client(Map.of("SHOP_TOKEN", "s3cret")).get("/missing"));
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void unsetTokenVariableFailsNamingTheVariable() throws Exception {
        writeConfig("SHOP_TOKEN");
        ApiException e = assertThrows(ApiException.class, () -> client(Map.of("OTHER", "x")).get("/items"));
        assertTrue(e.getMessage().contains("SHOP_TOKEN"), e.getMessage());
        assertNull(lastRequest.get(), "no request may leave without its token");
    }

    @Test
    void authEnvHoldsOnlyTheTokenVariableTheConfigNames() throws Exception {
        writeConfig("SHOP_TOKEN");
        Map<String, String> env = Map.of("SHOP_TOKEN", "t0k", "HOME", "/home/x", "OTHER_SECRET", "nope");
        assertEquals(Map.of("SHOP_TOKEN", "t0k"), ApiClients.authEnv(home, APP, env));
    }

    @Test
    void authEnvIsEmptyWithoutAConfigOrWhenTheVariableIsUnset() throws Exception {
        assertEquals(Map.of(), ApiClients.authEnv(home, APP, Map.of("SHOP_TOKEN", "t0k")));
        writeConfig("SHOP_TOKEN");
        assertEquals(Map.of(), ApiClients.authEnv(home, APP, Map.of("HOME", "/home/x")));
    }
}
