package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An app's settings from {@code $EVBUS_HOME/apps/<app>.json}:
 * {@code {"api": {"base_url": "https://…", "token_env": "MYAPP_TOKEN", "timeout_ms": 10000},
 * "retention": {"max_bytes": "64MiB", "max_age": "10m", "durable": false}}}.
 */
public record AppConfig(Path file, Optional<Api> api, Retention retention) {

    /** Where hooks' API calls go, and which environment variable holds the bearer token. */
    public record Api(URI baseUrl, String tokenEnv, Duration timeout) {
    }

    /** Every section an app's config may hold; any other name is refused, so a typo is never a silent default. */
    public static final List<String> SECTIONS = List.of("api", "retention", "limits", "sources", "bridge", "pipelines", "metrics");
    static final List<String> API_OPTIONS = List.of("base_url", "token_env", "timeout_ms");

    public static AppConfig load(Home home, String appId) throws IOException {
        Path file = home.appConfig(appId);
        Optional<JsonNode> read = ConfigJson.read(file);
        if (read.isEmpty()) {
            return new AppConfig(file, Optional.empty(), Retention.DEFAULTS);
        }
        JsonNode root = read.get();
        if (root != null && !root.isObject()) {
            throw new ConfigException(file + ": must hold one JSON object");
        }
        if (root != null) {
            KnownFields.check(file, "", root, SECTIONS, "section");
        }
        Retention retention = Retention.from(file, root == null ? null : root.get("retention"));
        JsonNode api = root == null ? null : root.get("api");
        if (api == null || api.isNull()) {
            return new AppConfig(file, Optional.empty(), retention);
        }
        if (!api.isObject()) {
            throw new ConfigException(file + ": api must be an object, e.g. {\"base_url\": \"https://api.example.com\"}");
        }
        KnownFields.check(file, "api", api, API_OPTIONS, "option");
        String base = api.path("base_url").asText("");
        if (base.isEmpty()) {
            throw new IOException(file + ": api.base_url is missing");
        }
        URI baseUrl;
        try {
            baseUrl = URI.create(base.endsWith("/") ? base : base + "/");
        } catch (IllegalArgumentException bad) {
            throw new IOException(file + ": api.base_url is not a URL: " + bad.getMessage());
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IOException(file + ": api.base_url must start with http:// or https://");
        }
        String tokenEnv = api.path("token_env").asText("");
        Duration timeout = Duration.ofMillis(api.path("timeout_ms").asLong(10_000));
        return new AppConfig(file, Optional.of(new Api(baseUrl, tokenEnv, timeout)), retention);
    }
}
