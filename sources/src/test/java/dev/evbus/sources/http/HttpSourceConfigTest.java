package dev.evbus.sources.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpSourceConfigTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path FILE = Path.of("apps/shop.json");

    private static HttpSourceConfig read(String json) throws Exception {
        return HttpSourceConfig.read(FILE, MAPPER.readTree(json), Map.of("INGEST_TOKEN", "abc", "EMPTY", " ")::get);
    }

    @Test
    void anEmptyObjectMeansLoopbackOnAFreePortWithTheDefaultLimits() throws Exception {
        HttpSourceConfig config = read("{}");

        assertEquals(new ListenAddress("127.0.0.1", 0), config.listen());
        assertNull(config.token());
        assertEquals(1L << 20, config.maxBody());
        assertEquals(64L << 20, config.maxBuffered());
        assertEquals(1000, config.maxConnections());
        assertEquals(Duration.ofSeconds(10), config.readTimeout());
        assertTrue(config.filters().isEmpty());
        assertNull(config.aggregation());
        assertEquals(HttpSourceConfig.DEFAULTS.listen(), HttpSourceConfig.read(FILE, null, name -> null).listen());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        HttpSourceConfig config = read("""
                {"listen": "0.0.0.0:8080", "token_env": "INGEST_TOKEN", "max_body": "4MiB", "max_buffered": 8388608,
                 "max_connections": 50, "read_timeout": "3s", "filters": [".data.value > 0"],
                 "aggregation": {"field": "data.amount", "window": "5m"}}""");

        assertEquals(new ListenAddress("0.0.0.0", 8080), config.listen());
        assertTrue(config.token().admits("Bearer abc"));
        assertEquals(4L << 20, config.maxBody());
        assertEquals(8L << 20, config.maxBuffered());
        assertEquals(50, config.maxConnections());
        assertEquals(Duration.ofSeconds(3), config.readTimeout());
        assertEquals(java.util.List.of(".data.value > 0"), config.filters().sources());
        assertEquals("{\"field\":\"data.amount\",\"window\":\"5m\"}", config.aggregation().toString());
        assertFalse(config.toString().contains("abc"), "the token must never be printed: " + config);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            []                                          | apps/shop.json: sources.http: must be an object, e.g. {"listen": "127.0.0.1:8080"}
            {"listen": 8080}                            | apps/shop.json: sources.http.listen: must be a non-empty string, such as "127.0.0.1:8080"
            {"listen": "localhost"}                     | apps/shop.json: sources.http.listen: must be host:port, such as 127.0.0.1:8080 (port 0 picks a free one), not "localhost"
            {"listen": "127.0.0.1:99999"}               | apps/shop.json: sources.http.listen: port must be a number from 0 to 65535 (0 picks a free one), not "99999"
            {"listen": "::1:80"}                        | apps/shop.json: sources.http.listen: an IPv6 host goes in brackets, such as [::1]:8080
            {"token_env": "NOT_SET"}                    | apps/shop.json: sources.http.token_env: names $NOT_SET, which is not set or empty in the bus's environment; set it to the token clients send as Authorization: Bearer <token>, or remove token_env
            {"token_env": "EMPTY"}                      | apps/shop.json: sources.http.token_env: names $EMPTY, which is not set or empty in the bus's environment; set it to the token clients send as Authorization: Bearer <token>, or remove token_env
            {"max_body": "lots"}                        | apps/shop.json: sources.http.max_body: not a size: "lots" (examples: 64MiB, 512KiB, 1GiB, 100MB)
            {"max_body": 0}                             | apps/shop.json: sources.http.max_body: must be from 1 byte to 1GiB, not 0
            {"max_body": "2GiB"}                        | apps/shop.json: sources.http.max_body: must be from 1 byte to 1GiB, not "2GiB"
            {"max_body": "2MiB", "max_buffered": "1MiB"} | apps/shop.json: sources.http.max_buffered: must be at least max_body (2MiB)
            {"max_connections": 0}                      | apps/shop.json: sources.http.max_connections: must be a whole number from 1 to 100000 (default 1000), not 0
            {"max_connections": "many"}                 | apps/shop.json: sources.http.max_connections: must be a whole number from 1 to 100000 (default 1000), not "many"
            {"read_timeout": "soon"}                    | apps/shop.json: sources.http.read_timeout: not a duration: "soon" (examples: 500ms, 30s, 5m, 1h30m, 7d)
            {"read_timeout": "500ms"}                   | apps/shop.json: sources.http.read_timeout: must be at least 1s (the server checks it once a second), not 500ms
            {"filters": ".x"}                           | apps/shop.json: sources.http.filters: must be a list of jq predicates, such as [".data.value > 0"]
            {"filters": [true]}                         | apps/shop.json: sources.http.filters[0] must be a string holding a jq predicate, such as ".data.value > 0"
            {"filters": [".a", " "]}                    | apps/shop.json: sources.http.filters[1] is empty; write a jq predicate, such as .data.value > 0
            {"filters": ["nosuchfn(1)"]}                | apps/shop.json: sources.http.filters[0] calls nosuchfn/1, which jq does not define
            """)
    void aBadFieldIsOneLineNamingTheFileAndTheField(String json, String message) {
        ConfigException problem = assertThrows(ConfigException.class, () -> read(json));

        assertEquals(message, problem.getMessage());
    }

    @Test
    void aFilterThatIsNotJqIsNamedWithItsIndex() {
        ConfigException problem = assertThrows(ConfigException.class, () -> read("{\"filters\": [\".a\", \".data.value >\"]}"));

        assertTrue(problem.getMessage().startsWith("apps/shop.json: sources.http.filters[1] is not a valid jq expression: "),
                problem.getMessage());
    }

    @Test
    void anIpv6HostIsWrittenInBrackets() throws Exception {
        assertEquals(new ListenAddress("::1", 9000), read("{\"listen\": \"[::1]:9000\"}").listen());
        assertEquals(new ListenAddress("127.0.0.1", 9000), read("{\"listen\": \":9000\"}").listen());
    }

    @Test
    void theServerPropertiesFollowTheConfig() throws Exception {
        Map<String, String> wanted = ServerProperties.wanted(read("{\"max_connections\": 300, \"read_timeout\": \"2500ms\"}"));

        assertEquals(Map.of(
                "jdk.httpserver.maxConnections", "300",
                "sun.net.httpserver.maxIdleConnections", "300",
                "sun.net.httpserver.maxReqTime", "3",
                "sun.net.httpserver.clockTick", "1250",
                "sun.net.httpserver.nodelay", "true"), wanted);
        assertEquals("10000", ServerProperties.wanted(read("{\"read_timeout\": \"1h\"}")).get("sun.net.httpserver.clockTick"));
    }
}
