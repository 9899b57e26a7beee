package dev.evbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.evbus.config.ConfigJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The sections of an app's config file that a running bus acts on, as written, so a reload can
 * tell what changed: each source's section, the bridge's, and the settings only a restart applies
 * ({@link #RESTART_ONLY}: the log and the connection limits are sized at start).
 */
record ConfigSnapshot(Map<String, JsonNode> sources, JsonNode bridge, Map<String, JsonNode> restartOnly) {
    static final List<String> RESTART_ONLY = List.of("retention", "limits");

    /** Reads the file as it is now; an absent file is an empty config. Call after it loaded without a problem. */
    static ConfigSnapshot read(Path file) throws IOException {
        JsonNode root = ConfigJson.read(file).orElse(null);
        if (root == null || !root.isObject()) {
            root = MissingNode.getInstance();
        }
        Map<String, JsonNode> sources = new LinkedHashMap<>();
        root.path("sources").properties().forEach(entry -> sources.put(entry.getKey(), entry.getValue()));
        Map<String, JsonNode> restartOnly = new LinkedHashMap<>();
        for (String field : RESTART_ONLY) {
            restartOnly.put(field, root.path(field));
        }
        return new ConfigSnapshot(sources, root.path("bridge"), restartOnly);
    }

    /** The sources whose section differs in {@code next}, or that appear or go there. */
    Set<String> changedSources(ConfigSnapshot next) {
        Set<String> names = new HashSet<>(sources.keySet());
        names.addAll(next.sources.keySet());
        names.removeIf(name -> Objects.equals(sources.get(name), next.sources.get(name)));
        return names;
    }

    boolean bridgeChanged(ConfigSnapshot next) {
        return !bridge.equals(next.bridge);
    }

    /** The restart-only settings that differ in {@code next}. */
    List<String> restartOnlyChanges(ConfigSnapshot next) {
        List<String> changed = new ArrayList<>();
        restartOnly.forEach((field, value) -> {
            if (!value.equals(next.restartOnly.get(field))) {
                changed.add(field);
            }
        });
        return changed;
    }

    /** {@code next} as far as a running bus took it: the restart-only settings stay those it started with. */
    ConfigSnapshot applied(ConfigSnapshot next) {
        return new ConfigSnapshot(next.sources, next.bridge, restartOnly);
    }
}
