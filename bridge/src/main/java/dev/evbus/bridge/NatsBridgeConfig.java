package dev.evbus.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigJson;
import dev.evbus.config.KnownFields;
import dev.evbus.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code bridge.nats} section of {@code $EVBUS_HOME/apps/<app>.json}; the least is
 * {@code {"servers": ["nats://127.0.0.1:4222"]}}. Every problem is one {@link ConfigException}
 * naming the file and the option, found before the bus opens anything.
 *
 * @param servers         the NATS URLs ({@code nats://host:port}), tried in this order
 * @param node            this host's name: the {@code Evbus-Origin} header and the durable consumer
 * @param stream          the JetStream stream shared by the app's hosts
 * @param subjectPrefix   an event's subject is {@code <prefix>.<event type>}
 * @param auth            how to authenticate
 * @param replicas        the stream's replicas (1..5)
 * @param duplicateWindow how long JetStream remembers message ids to drop repeats
 * @param maxAge          how long the stream keeps a message
 * @param maxBytes        the stream's size cap (oldest messages go first)
 * @param outgoing        the local event types exported ({@code evbus consume} patterns)
 * @param incoming        the remote event types imported
 * @param maxInFlight     asynchronous publishes awaiting a JetStream ack at once
 */
public record NatsBridgeConfig(List<String> servers, String node, String stream, String subjectPrefix, NatsAuth auth,
        int replicas, Duration duplicateWindow, Duration maxAge, long maxBytes, List<String> outgoing,
        List<String> incoming, int maxInFlight) {

    static final String FIELD = "bridge.nats";
    static final Duration DEFAULT_DUPLICATE_WINDOW = Duration.ofMinutes(2);
    static final Duration DEFAULT_MAX_AGE = Duration.ofHours(24);
    static final long DEFAULT_MAX_BYTES = 1L << 30;
    static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    static final List<String> OPTIONS = List.of("servers", "node", "stream", "subject_prefix", "token_env", "user_env",
            "password_env", "creds_file", "replicas", "duplicate_window", "max_age", "max_bytes", "outgoing", "incoming",
            "max_in_flight");

    public NatsBridgeConfig {
        servers = List.copyOf(servers);
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
    }

    /** The subject filter that covers every event of the app: {@code <prefix>.>}. */
    public String subjectFilter() {
        return subjectPrefix + ".>";
    }

    /** Reads {@code bridge.nats} of the app's config file; empty when the file or the section is absent. */
    public static Optional<NatsBridgeConfig> load(Path appConfigFile, String appId, Map<String, String> env) throws ConfigException {
        JsonNode root;
        try {
            Optional<JsonNode> read = ConfigJson.read(appConfigFile);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            root = read.get();
        } catch (ConfigException bad) {
            throw bad;
        } catch (IOException unreadable) {
            throw new ConfigException(unreadable.getMessage());
        }
        JsonNode bridge = root == null ? null : root.get("bridge");
        if (bridge == null || bridge.isNull()) {
            return Optional.empty();
        }
        if (!bridge.isObject()) {
            throw new ConfigException(appConfigFile + ": bridge must be an object, e.g. {\"nats\": {\"servers\": [\"nats://127.0.0.1:4222\"]}}");
        }
        KnownFields.check(appConfigFile, "bridge", bridge, List.of("nats"), "engine");
        JsonNode nats = bridge.get("nats");
        if (nats == null || nats.isNull()) {
            return Optional.empty();
        }
        return Optional.of(parse(nats, FIELD, appConfigFile, appId, env));
    }

    /** Reads the section itself ({@code field} names it in messages: {@code bridge.nats}). */
    public static NatsBridgeConfig parse(JsonNode section, String field, Path file, String appId, Map<String, String> env)
            throws ConfigException {
        ConfigFields fields = new ConfigFields(file, field, section, env);
        if (section == null || !section.isObject()) {
            throw new ConfigException(file + ": " + field + " must be an object, e.g. {\"servers\": [\"nats://127.0.0.1:4222\"]}");
        }
        fields.onlyKnown(OPTIONS);
        List<String> servers = servers(fields);
        String node = fields.text("node", "\"host-a\"").orElse(null);
        if (node == null) {
            node = defaultNode();
        } else if (!Subjects.NAME.matcher(node).matches()) {
            throw fields.problem("node", Quote.of(node) + " must be 1 to 64 of A-Z a-z 0-9 _ - (it names the durable consumer)");
        }
        String stream = fields.text("stream", "\"EVBUS_ORDERS\"").orElse(null);
        if (stream == null) {
            stream = Subjects.sanitize("EVBUS_" + appId.toUpperCase(Locale.ROOT));
        } else if (!Subjects.NAME.matcher(stream).matches()) {
            throw fields.problem("stream", Quote.of(stream) + " must be 1 to 64 of A-Z a-z 0-9 _ -");
        }
        String prefix = fields.text("subject_prefix", "\"evbus.orders\"").orElseGet(() -> defaultPrefix(appId));
        String prefixProblem = Subjects.problem(prefix);
        if (prefixProblem != null) {
            throw fields.problem("subject_prefix", Quote.of(prefix) + " " + prefixProblem + " (it must be a literal NATS subject)");
        }
        NatsAuth auth = auth(fields);
        int replicas = fields.count("replicas", 1, 1, 5);
        Duration window = fields.duration("duplicate_window", DEFAULT_DUPLICATE_WINDOW, Duration.ofSeconds(1));
        Duration maxAge = fields.duration("max_age", DEFAULT_MAX_AGE, Duration.ofSeconds(1));
        if (window.compareTo(maxAge) > 0) {
            throw fields.problem("duplicate_window", "must not be longer than max_age (" + maxAge.toSeconds() + "s)");
        }
        long maxBytes = fields.size("max_bytes", DEFAULT_MAX_BYTES, 1L << 20);
        List<String> outgoing = fields.patterns("outgoing");
        List<String> incoming = fields.patterns("incoming");
        int maxInFlight = fields.count("max_in_flight", DEFAULT_MAX_IN_FLIGHT, 1, 65_536);
        return new NatsBridgeConfig(servers, node, stream, prefix, auth, replicas, window, maxAge, maxBytes, outgoing,
                incoming, maxInFlight);
    }

    private static List<String> servers(ConfigFields fields) throws ConfigException {
        List<String> servers = fields.list("servers", "[\"nats://127.0.0.1:4222\"]");
        if (servers == null || servers.isEmpty()) {
            throw fields.problem("servers", "required: a non-empty list of NATS URLs, such as [\"nats://127.0.0.1:4222\"]");
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String url = servers.get(i);
            String problem;
            try {
                URI uri = new URI(url);
                problem = !"nats".equals(uri.getScheme()) ? "must start with nats://"
                        : uri.getHost() == null || uri.getPort() < 1 ? "must be nats://host:port" : null;
            } catch (URISyntaxException bad) {
                problem = "is not a URL (" + bad.getReason() + ")";
            }
            if (problem != null) {
                throw fields.problem("servers", "[" + i + "] " + Quote.of(url) + " " + problem + ", such as \"nats://127.0.0.1:4222\"");
            }
            checked.add(url);
        }
        return checked;
    }

    private static NatsAuth auth(ConfigFields fields) throws ConfigException {
        List<String> given = new ArrayList<>();
        for (String option : List.of("token_env", "user_env", "creds_file")) {
            if (fields.section().hasNonNull(option)) {
                given.add(option);
            }
        }
        if (given.size() > 1) {
            throw fields.problem(given.get(1), "only one way to authenticate: " + String.join(", ", given) + " are all set");
        }
        boolean password = fields.section().hasNonNull("password_env");
        if (password != given.contains("user_env")) {
            throw fields.problem(password ? "password_env" : "user_env", "user_env and password_env go together");
        }
        Optional<String> token = fields.variable("token_env", "the NATS token");
        if (token.isPresent()) {
            return new NatsAuth.Token(fields.section().get("token_env").asText(), token.get());
        }
        Optional<String> user = fields.variable("user_env", "the NATS user name");
        if (user.isPresent()) {
            String password1 = fields.variable("password_env", "the NATS password").orElseThrow();
            return new NatsAuth.UserPassword(fields.section().get("user_env").asText(), user.get(),
                    fields.section().get("password_env").asText(), password1);
        }
        Optional<String> creds = fields.text("creds_file", "\"/etc/evbus/nats.creds\"");
        if (creds.isPresent()) {
            Path path;
            try {
                path = Path.of(creds.get()).toAbsolutePath();
            } catch (InvalidPathException bad) {
                throw fields.problem("creds_file", "not a file name: " + bad.getReason());
            }
            if (!Files.isReadable(path)) {
                throw fields.problem("creds_file", Quote.of(creds.get()) + " cannot be read (a NATS .creds file is expected)");
            }
            return new NatsAuth.CredsFile(path);
        }
        return NatsAuth.NONE;
    }

    /** {@code evbus.<app id>}; an id that is no valid subject tail has its odd chars (dots too) as '_'. */
    static String defaultPrefix(String appId) {
        String plain = "evbus." + appId;
        return Subjects.problem(plain) == null ? plain : "evbus." + Subjects.sanitize(appId);
    }

    /** The host name, cut at its first dot and made a valid consumer name; "evbus" when it cannot be found. */
    static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException unknown) {
            host = "";
        }
        int dot = host.indexOf('.');
        String name = Subjects.sanitize(dot > 0 ? host.substring(0, dot) : host);
        return name.isEmpty() ? "evbus" : name;
    }
}
