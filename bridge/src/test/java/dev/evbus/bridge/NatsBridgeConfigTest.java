package dev.evbus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsBridgeConfigTest {
    private static final Path FILE = Path.of("apps/orders.json");
    private static final Map<String, String> ENV = Map.of("NATS_TOKEN", "s3cret", "NATS_USER", "bob", "NATS_PASSWORD", "pw");

    private static NatsBridgeConfig parse(String json) throws Exception {
        return NatsBridgeConfig.parse(new ObjectMapper().readTree(json), "bridge.nats", FILE, "orders.eu", ENV);
    }

    private static String problem(String json) {
        JsonNode section;
        try {
            section = new ObjectMapper().readTree(json);
        } catch (Exception bad) {
            throw new AssertionError(bad);
        }
        return assertThrows(ConfigException.class,
                () -> NatsBridgeConfig.parse(section, "bridge.nats", FILE, "orders.eu", ENV)).getMessage();
    }

    @Test
    void theLeastConfigTakesADefaultForEveryOtherOption() throws Exception {
        NatsBridgeConfig config = parse("{\"servers\": [\"nats://127.0.0.1:4222\"]}");
        assertEquals(List.of("nats://127.0.0.1:4222"), config.servers());
        assertTrue(Subjects.NAME.matcher(config.node()).matches(), config.node());
        assertEquals(NatsBridgeConfig.defaultNode(), config.node());
        assertEquals("EVBUS_ORDERS_EU", config.stream());
        assertEquals("evbus.orders.eu", config.subjectPrefix());
        assertEquals("evbus.orders.eu.>", config.subjectFilter());
        assertEquals(NatsAuth.NONE, config.auth());
        assertEquals(1, config.replicas());
        assertEquals(Duration.ofMinutes(2), config.duplicateWindow());
        assertEquals(Duration.ofHours(24), config.maxAge());
        assertEquals(1L << 30, config.maxBytes());
        assertEquals(List.of("*"), config.outgoing());
        assertEquals(List.of("*"), config.incoming());
        assertEquals(1024, config.maxInFlight());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        NatsBridgeConfig config = parse("""
                {"servers": ["nats://a:4222", "nats://b:4223"], "node": "host-a", "stream": "ORDERS",
                 "subject_prefix": "acme.orders", "token_env": "NATS_TOKEN", "replicas": 3, "duplicate_window": "30s",
                 "max_age": "1h", "max_bytes": "64MiB", "outgoing": ["order.*"], "incoming": [], "max_in_flight": 16}""");
        assertEquals(List.of("nats://a:4222", "nats://b:4223"), config.servers());
        assertEquals("host-a", config.node());
        assertEquals("ORDERS", config.stream());
        assertEquals("acme.orders", config.subjectPrefix());
        assertEquals(new NatsAuth.Token("NATS_TOKEN", "s3cret"), config.auth());
        assertEquals(3, config.replicas());
        assertEquals(Duration.ofSeconds(30), config.duplicateWindow());
        assertEquals(Duration.ofHours(1), config.maxAge());
        assertEquals(64L << 20, config.maxBytes());
        assertEquals(List.of("order.*"), config.outgoing());
        assertEquals(List.of(), config.incoming());
        assertEquals(16, config.maxInFlight());
    }

    @Test
    void userAndPasswordComeFromTheirVariablesAndNeverShowInToString() throws Exception {
        NatsBridgeConfig config = parse("{\"servers\": [\"nats://a:1\"], \"user_env\": \"NATS_USER\", \"password_env\": \"NATS_PASSWORD\"}");
        assertEquals(new NatsAuth.UserPassword("NATS_USER", "bob", "NATS_PASSWORD", "pw"), config.auth());
        assertTrue(!config.toString().contains("pw") && !parse("{\"servers\": [\"nats://a:1\"], \"token_env\": \"NATS_TOKEN\"}")
                .toString().contains("s3cret"), config.toString());
    }

    @Test
    void aCredsFileIsReadFromItsPath(@TempDir Path dir) throws Exception {
        Path creds = Files.writeString(dir.resolve("x.creds"), "-----BEGIN NATS USER JWT-----\n");
        NatsBridgeConfig config = parse("{\"servers\": [\"nats://a:1\"], \"creds_file\": " + new ObjectMapper().writeValueAsString(creds.toString()) + "}");
        assertInstanceOf(NatsAuth.CredsFile.class, config.auth());
        assertEquals(creds, ((NatsAuth.CredsFile) config.auth()).file());
    }

    @Test
    void anAppIdWithOddCharactersMakesAValidStreamName() throws Exception {
        NatsBridgeConfig config = NatsBridgeConfig.parse(new ObjectMapper().readTree("{\"servers\": [\"nats://a:1\"]}"),
                "bridge.nats", FILE, "my app/x", ENV);
        assertEquals("EVBUS_MY_APP_X", config.stream());
        assertEquals("evbus.my_app_x", config.subjectPrefix());
    }

    @Test
    void everyBadOptionIsOneMessageNamingFileAndOption() {
        String at = FILE + ": bridge.nats";
        assertEquals(at + " must be an object, e.g. {\"servers\": [\"nats://127.0.0.1:4222\"]}", problem("[]"));
        assertEquals(at + ".colour: unknown option (known: " + String.join(", ", NatsBridgeConfig.OPTIONS) + ")",
                problem("{\"servers\": [\"nats://a:1\"], \"colour\": 1}"));
        assertEquals(at + ".server: unknown option; did you mean servers? (known: " + String.join(", ", NatsBridgeConfig.OPTIONS) + ")",
                problem("{\"server\": [\"nats://a:1\"]}"));
        assertEquals(at + "[\"a b\\n\"]: unknown option (known: " + String.join(", ", NatsBridgeConfig.OPTIONS) + ")",
                problem("{\"servers\": [\"nats://a:1\"], \"a b\\n\": 1}"));
        assertEquals(at + ".servers: required: a non-empty list of NATS URLs, such as [\"nats://127.0.0.1:4222\"]", problem("{}"));
        assertEquals(at + ".servers: required: a non-empty list of NATS URLs, such as [\"nats://127.0.0.1:4222\"]", problem("{\"servers\": []}"));
        assertEquals(at + ".servers: must be a list, such as [\"nats://127.0.0.1:4222\"]", problem("{\"servers\": \"nats://a:1\"}"));
        assertEquals(at + ".servers: [0] must be a non-empty string, such as [\"nats://127.0.0.1:4222\"]", problem("{\"servers\": [1]}"));
        assertEquals(at + ".servers: [1] \"http://a:1\" must start with nats://, such as \"nats://127.0.0.1:4222\"",
                problem("{\"servers\": [\"nats://a:1\", \"http://a:1\"]}"));
        assertEquals(at + ".servers: [0] \"nats://a\" must be nats://host:port, such as \"nats://127.0.0.1:4222\"",
                problem("{\"servers\": [\"nats://a\"]}"));
        assertTrue(problem("{\"servers\": [\"nats://a b:1\"]}").startsWith(at + ".servers: [0] \"nats://a b:1\" is not a URL ("));
        String ok = "{\"servers\": [\"nats://a:1\"], ";
        assertEquals(at + ".node: must be a non-empty string, such as \"host-a\"", problem(ok + "\"node\": 5}"));
        assertEquals(at + ".node: \"a.b\" must be 1 to 64 of A-Z a-z 0-9 _ - (it names the durable consumer)", problem(ok + "\"node\": \"a.b\"}"));
        assertEquals(at + ".stream: \"A B\" must be 1 to 64 of A-Z a-z 0-9 _ -", problem(ok + "\"stream\": \"A B\"}"));
        assertEquals(at + ".subject_prefix: \"a..b\" has an empty token (\"..\", or '.' at an end) (it must be a literal NATS subject)",
                problem(ok + "\"subject_prefix\": \"a..b\"}"));
        assertEquals(at + ".subject_prefix: \"a.>\" holds a wildcard ('*' or '>') (it must be a literal NATS subject)",
                problem(ok + "\"subject_prefix\": \"a.>\"}"));
        assertEquals(at + ".subject_prefix: \"a b\" holds whitespace or a control character (it must be a literal NATS subject)",
                problem(ok + "\"subject_prefix\": \"a b\"}"));
        assertEquals(at + ".token_env: names $NOPE, which is not set or empty in the bus's environment; set it to the NATS token, or remove token_env",
                problem(ok + "\"token_env\": \"NOPE\"}"));
        assertEquals(at + ".user_env: names $NOPE, which is not set or empty in the bus's environment; set it to the NATS user name, or remove user_env",
                problem(ok + "\"user_env\": \"NOPE\", \"password_env\": \"NATS_PASSWORD\"}"));
        assertEquals(at + ".password_env: names $NOPE, which is not set or empty in the bus's environment; set it to the NATS password, or remove password_env",
                problem(ok + "\"user_env\": \"NATS_USER\", \"password_env\": \"NOPE\"}"));
        assertEquals(at + ".password_env: user_env and password_env go together", problem(ok + "\"password_env\": \"NATS_PASSWORD\"}"));
        assertEquals(at + ".user_env: user_env and password_env go together", problem(ok + "\"user_env\": \"NATS_USER\"}"));
        assertEquals(at + ".creds_file: only one way to authenticate: token_env, creds_file are all set",
                problem(ok + "\"token_env\": \"NATS_TOKEN\", \"creds_file\": \"/x.creds\"}"));
        assertEquals(at + ".creds_file: \"/no/such.creds\" cannot be read (a NATS .creds file is expected)",
                problem(ok + "\"creds_file\": \"/no/such.creds\"}"));
        assertEquals(at + ".replicas: must be a whole number from 1 to 5 (default 1), not 7", problem(ok + "\"replicas\": 7}"));
        assertEquals(at + ".duplicate_window: not a duration: \"soon\" (examples: 500ms, 30s, 5m, 1h30m, 7d)",
                problem(ok + "\"duplicate_window\": \"soon\"}"));
        assertEquals(at + ".max_age: must be at least 1000ms, not \"10ms\"", problem(ok + "\"max_age\": \"10ms\"}"));
        assertEquals(at + ".duplicate_window: must not be longer than max_age (60s)",
                problem(ok + "\"duplicate_window\": \"2m\", \"max_age\": \"1m\"}"));
        assertEquals(at + ".max_bytes: not a size: \"lots\" (examples: 64MiB, 512KiB, 1GiB, 100MB)", problem(ok + "\"max_bytes\": \"lots\"}"));
        assertEquals(at + ".max_bytes: must be at least 1MiB, not 10", problem(ok + "\"max_bytes\": 10}"));
        assertEquals(at + ".max_bytes: must be a size such as \"1MiB\" or a number of bytes", problem(ok + "\"max_bytes\": true}"));
        assertEquals(at + ".outgoing: must be a list, such as [\"order.*\", \"invoice.paid\"]", problem(ok + "\"outgoing\": \"*\"}"));
        assertEquals(at + ".incoming: [0] \"*.paid\": '*' may only end an event type pattern (\"order.*\" or \"*\")",
                problem(ok + "\"incoming\": [\"*.paid\"]}"));
        assertEquals(at + ".max_in_flight: must be a whole number from 1 to 65536 (default 1024), not 0", problem(ok + "\"max_in_flight\": 0}"));
    }

    @Test
    void loadIsEmptyWithoutFileOrSectionAndReadsTheSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("orders.json");
        assertTrue(NatsBridgeConfig.load(file, "orders", ENV).isEmpty());
        Files.writeString(file, "{\"retention\": {\"max_age\": \"10m\"}}");
        assertTrue(NatsBridgeConfig.load(file, "orders", ENV).isEmpty());
        Files.writeString(file, "{\"bridge\": {\"nats\": {\"servers\": [\"nats://127.0.0.1:4222\"], \"node\": \"host-a\"}}}");
        assertEquals("host-a", NatsBridgeConfig.load(file, "orders", ENV).orElseThrow().node());
        Files.writeString(file, "{\"bridge\": 3}");
        assertEquals(file + ": bridge must be an object, e.g. {\"nats\": {\"servers\": [\"nats://127.0.0.1:4222\"]}}",
                assertThrows(ConfigException.class, () -> NatsBridgeConfig.load(file, "orders", ENV)).getMessage());
        Files.writeString(file, "{\"bridge\": {\"nats\": {\"servers\": [\"nats://a:1\"], \"replicas\": 0}}}");
        assertEquals(file + ": bridge.nats.replicas: must be a whole number from 1 to 5 (default 1), not 0",
                assertThrows(ConfigException.class, () -> NatsBridgeConfig.load(file, "orders", ENV)).getMessage());
    }
}
