package dev.evbus.config;

import java.nio.file.Path;
import java.util.Map;

/** The evbus home directory: every file evbus keeps on disk lives below it, so tests can move it. */
public record Home(Path root) {

    public static Home fromEnvironment(Map<String, String> env) {
        String configured = env.get("EVBUS_HOME");
        if (configured != null && !configured.isBlank()) {
            return new Home(Path.of(configured).toAbsolutePath().normalize());
        }
        return new Home(Path.of(System.getProperty("user.home"), ".evbus"));
    }

    public static Home fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    public Path events() {
        return root.resolve("events");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    /** Declarative key files ({@code *.json}, {@code *.yaml}, {@code *.yml}), loaded like plugins. */
    public Path keys() {
        return root.resolve("keys");
    }

    /** Dead letters of one app's pipelines, one directory per key below it. */
    public Path deadLetters(String appId) {
        return root.resolve("dlq").resolve(AppPaths.directoryName(appId));
    }

    public Path appConfig(String appId) {
        return root.resolve("apps").resolve(AppPaths.directoryName(appId) + ".json");
    }

    public AppPaths app(String appId) {
        return AppPaths.of(this, appId);
    }
}
