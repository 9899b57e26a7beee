package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.DataSize;
import dev.evbus.config.FieldReader;
import dev.evbus.config.KnownFields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP source's settings, from the {@code sources.http} object of {@code $EVBUS_HOME/apps/<app>.json}.
 * Absent fields keep their defaults; every bad field is a {@link ConfigException} naming the file and
 * the field ({@code apps/x.json: sources.http.listen: ...}).
 *
 * @param listen         where to listen (default {@code 127.0.0.1:0})
 * @param tokenEnv       the environment variable holding the bearer token, or null for no token
 * @param token          the token read from it at config time, or null
 * @param maxBody        the largest request body in bytes (default 1 MiB); larger is 413
 * @param maxBuffered    request body bytes held at once over all requests (default 64 MiB)
 * @param maxConnections open connections at most (default 1000); more are closed at accept
 * @param readTimeout    the longest a request may take to arrive, headers and body (default 10 s)
 * @param filters        jq predicates an event must pass to be published
 * @param aggregation    the raw {@code aggregation} object, untouched (the stream statistics read it), or null
 */
public record HttpSourceConfig(ListenAddress listen, String tokenEnv, BearerToken token, long maxBody, long maxBuffered,
        int maxConnections, Duration readTimeout, EventFilters filters, JsonNode aggregation) {
    static final long DEFAULT_MAX_BODY = 1L << 20;
    static final long DEFAULT_MAX_BUFFERED = 64L << 20;
    /** Request bodies are arrays in memory, so one is at most this. */
    static final long MAX_SIZE = 1L << 30;
    static final int DEFAULT_MAX_CONNECTIONS = 1000;
    static final int MAX_MAX_CONNECTIONS = 100_000;
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    static final List<String> OPTIONS = List.of("listen", "token_env", "max_body", "max_buffered", "max_connections",
            "read_timeout", "filters", "aggregation");

    public static final HttpSourceConfig DEFAULTS = new HttpSourceConfig(ListenAddress.DEFAULT, null, null,
            DEFAULT_MAX_BODY, DEFAULT_MAX_BUFFERED, DEFAULT_MAX_CONNECTIONS, DEFAULT_READ_TIMEOUT, EventFilters.NONE, null);

    /** The bound address in {@code status} before the source listens. */
    public String configuredAddress() {
        return listen.host() + ":" + listen.port();
    }

    /**
     * Reads {@code section} (the value of {@code sources.http}; null means all defaults) from
     * {@code file}, looking environment variables up with {@code env} ({@code System::getenv} in the bus).
     */
    public static HttpSourceConfig read(Path file, JsonNode section, Function<String, String> env) throws ConfigException {
        if (section == null || section.isNull()) {
            return DEFAULTS;
        }
        Fields fields = new Fields(file, section);
        if (!section.isObject()) {
            throw fields.problem(null, "must be an object, e.g. {\"listen\": \"127.0.0.1:8080\"}");
        }
        KnownFields.check(file, "sources.http", section, OPTIONS, "option");
        ListenAddress listen = ListenAddress.DEFAULT;
        Optional<String> listenText = fields.text("listen", "\"127.0.0.1:8080\"");
        if (listenText.isPresent()) {
            try {
                listen = ListenAddress.parse(listenText.get());
            } catch (IllegalArgumentException bad) {
                throw fields.problem("listen", bad.getMessage());
            }
        }
        String tokenEnv = fields.text("token_env", "\"MYAPP_INGEST_TOKEN\"").orElse(null);
        BearerToken token = null;
        if (tokenEnv != null) {
            try {
                token = BearerToken.fromEnv(tokenEnv, env);
            } catch (IllegalArgumentException unset) {
                throw fields.problem("token_env", unset.getMessage());
            }
        }
        long maxBody = fields.size("max_body", DEFAULT_MAX_BODY);
        long maxBuffered = fields.size("max_buffered", Math.max(DEFAULT_MAX_BUFFERED, maxBody));
        if (maxBuffered < maxBody) {
            throw fields.problem("max_buffered", "must be at least max_body (" + DataSize.format(maxBody) + ")");
        }
        int maxConnections = fields.count("max_connections", DEFAULT_MAX_CONNECTIONS, MAX_MAX_CONNECTIONS);
        Duration readTimeout = fields.duration("read_timeout", DEFAULT_READ_TIMEOUT);
        EventFilters filters = filters(fields, section.get("filters"));
        JsonNode aggregation = section.get("aggregation");
        return new HttpSourceConfig(listen, tokenEnv, token, maxBody, maxBuffered, maxConnections, readTimeout, filters,
                aggregation == null || aggregation.isNull() ? null : aggregation.deepCopy());
    }

    private static EventFilters filters(Fields fields, JsonNode node) throws ConfigException {
        if (node == null || node.isNull()) {
            return EventFilters.NONE;
        }
        if (!node.isArray()) {
            throw fields.problem("filters", "must be a list of jq predicates, such as [\".data.value > 0\"]");
        }
        List<String> expressions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw fields.problem("filters", "[" + i + "] must be a string holding a jq predicate, such as \".data.value > 0\"");
            }
            expressions.add(node.get(i).asText());
        }
        try {
            return EventFilters.compile(expressions);
        } catch (IllegalArgumentException bad) {
            throw fields.problem("filters", bad.getMessage());
        }
    }

    /**
     * Reads typed fields of the section through the shared {@link FieldReader}, stopping at the first
     * problem, which names the file and the field.
     */
    private record Fields(Path file, FieldReader<ConfigException> reader) {
        Fields(Path file, JsonNode section) {
            this(file, new FieldReader<>(section, (field, index, message) -> {
                throw problem(file, field, (index < 0 ? "" : "[" + index + "] ") + message);
            }));
        }

        /** A message about one element of a list starts with its index and follows the name: {@code filters[0] is empty}. */
        private static ConfigException problem(Path file, String field, String message) {
            return new ConfigException(file + ": sources.http" + (field == null ? "" : "." + field)
                    + (message.startsWith("[") ? "" : ": ") + message);
        }

        ConfigException problem(String field, String message) {
            return problem(file, field, message);
        }

        Optional<String> text(String field, String example) throws ConfigException {
            return reader.nonEmptyText(field, example);
        }

        long size(String field, long fallback) throws ConfigException {
            Optional<Long> bytes = reader.size(field);
            if (bytes.isPresent() && (bytes.get() < 1 || bytes.get() > MAX_SIZE)) {
                throw problem(field, "must be from 1 byte to " + DataSize.format(MAX_SIZE) + ", not " + reader.section().get(field));
            }
            return bytes.orElse(fallback);
        }

        int count(String field, int fallback, int max) throws ConfigException {
            return reader.wholeNumber(field, 1, max, " (default " + fallback + ")").orElse(fallback);
        }

        Duration duration(String field, Duration fallback) throws ConfigException {
            Optional<Duration> duration = reader.duration(field, "\"10s\"");
            if (duration.isPresent() && duration.get().compareTo(Duration.ofSeconds(1)) < 0) {
                throw problem(field, "must be at least 1s (the server checks it once a second), not "
                        + reader.section().get(field).asText());
            }
            return duration.orElse(fallback);
        }
    }
}
