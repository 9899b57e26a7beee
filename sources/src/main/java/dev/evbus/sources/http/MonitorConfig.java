package dev.evbus.sources.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import dev.evbus.config.KnownFields;
import dev.evbus.config.SettingsFile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code metrics} section of an app's config: where the bus serves {@code /metrics} and
 * {@code /health} when it has no HTTP source to serve them on, and the bearer token they need.
 * The same {@code listen} and {@code token_env} rules as {@code sources.http}.
 *
 * @param listen where to listen (default {@link #DEFAULT_LISTEN})
 * @param token  the token read from {@code token_env} at config time, or null for none
 */
public record MonitorConfig(ListenAddress listen, BearerToken token) {
    /** Loopback, on the port commonly used for a Prometheus exporter embedded in an application. */
    static final ListenAddress DEFAULT_LISTEN = new ListenAddress("127.0.0.1", 9464);
    private static final String FIELD = "metrics";
    private static final List<String> FIELDS = List.of("listen", "token_env");

    /** The section of {@code appConfigFile}, or empty when the file or the section is absent. */
    public static Optional<MonitorConfig> load(Path appConfigFile, Function<String, String> env) throws ConfigException {
        JsonNode root;
        try {
            // the bytes first: an app without a config file costs no ObjectMapper (the idle bus avoids databind)
            byte[] json = SettingsFile.read(appConfigFile);
            root = new ObjectMapper().readTree(json);
        } catch (NoSuchFileException missing) {
            return Optional.empty();
        } catch (IOException unreadable) {
            throw new ConfigException("cannot read " + appConfigFile + ": " + unreadable.getMessage());
        }
        JsonNode section = root == null ? null : root.get(FIELD);
        if (section == null || section.isNull()) {
            return Optional.empty();
        }
        return Optional.of(read(appConfigFile, section, env));
    }

    static MonitorConfig read(Path file, JsonNode section, Function<String, String> env) throws ConfigException {
        if (!section.isObject()) {
            throw problem(file, null, "must be an object, e.g. {\"listen\": \"127.0.0.1:9464\"}");
        }
        KnownFields.check(file, FIELD, section, FIELDS, "option");
        ListenAddress listen = DEFAULT_LISTEN;
        String listenText = text(file, section, "listen", "\"127.0.0.1:9464\"");
        if (listenText != null) {
            try {
                listen = ListenAddress.parse(listenText);
            } catch (IllegalArgumentException bad) {
                throw problem(file, "listen", bad.getMessage());
            }
        }
        String tokenEnv = text(file, section, "token_env", "\"MYAPP_METRICS_TOKEN\"");
        BearerToken token = null;
        if (tokenEnv != null) {
            try {
                token = BearerToken.fromEnv(tokenEnv, env);
            } catch (IllegalArgumentException unset) {
                throw problem(file, "token_env", unset.getMessage());
            }
        }
        return new MonitorConfig(listen, token);
    }

    private static String text(Path file, JsonNode section, String field, String example) throws ConfigException {
        JsonNode node = section.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw problem(file, field, "must be a non-empty string, such as " + example);
        }
        return node.asText();
    }

    private static ConfigException problem(Path file, String field, String message) {
        return new ConfigException(file + ": " + FIELD + (field == null ? "" : "." + field) + ": " + message);
    }
}
