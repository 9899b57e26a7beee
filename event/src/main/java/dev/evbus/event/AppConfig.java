package dev.evbus.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
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

    public static AppConfig load(Home home, String appId) throws IOException {
        Path file = home.appConfig(appId);
        JsonNode root;
        try {
            byte[] json = Files.readAllBytes(file); // first, so apps without a config never build a mapper
            root = new ObjectMapper().readTree(json);
        } catch (NoSuchFileException missing) {
            return new AppConfig(file, Optional.empty(), Retention.DEFAULTS);
        } catch (IOException unreadable) {
            throw new IOException("cannot read " + file + ": " + unreadable.getMessage(), unreadable);
        }
        if (root != null && !root.isObject()) {
            throw new ConfigException(file + ": must hold one JSON object");
        }
        Retention retention = Retention.from(file, root == null ? null : root.get("retention"));
        JsonNode api = root == null ? null : root.get("api");
        if (api == null || api.isNull()) {
            return new AppConfig(file, Optional.empty(), retention);
        }
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
