package dev.evbus.bus.served;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.ConfigJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code pipelines} section of {@code $EVBUS_HOME/apps/<app>.json}, checked: a list of
 * {@code {name, key, params}}. A bad entry refuses the start (or a reload) with one line naming
 * file and field. Pipelines need a durable log: resuming after the last completed event is the
 * point of running one in the bus, and an in-memory log forgets everything at a restart.
 */
public final class PipelinesConfig {
    private static final Set<String> FIELDS = Set.of("name", "key", "params");

    private PipelinesConfig() {
    }

    /** The configured pipelines, in file order; none when the file or the section is absent. */
    public static List<PipelineSpec> load(Path file, boolean durableLog) throws IOException {
        Optional<JsonNode> root = ConfigJson.read(file);
        JsonNode section = root.map(node -> node.get("pipelines")).orElse(null);
        if (section == null || section.isNull()) {
            return List.of();
        }
        if (!section.isArray()) {
            throw problem(file, "pipelines", "must be a list of {\"name\", \"key\", \"params\"}");
        }
        List<PipelineSpec> specs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < section.size(); i++) {
            PipelineSpec spec = read(file, "pipelines[" + i + "]", section.get(i));
            if (!names.add(spec.name())) {
                throw problem(file, "pipelines[" + i + "].name", "\"" + spec.name() + "\" is given twice");
            }
            specs.add(spec);
        }
        if (!specs.isEmpty() && !durableLog) {
            throw problem(file, "pipelines", "need a durable log, so that a restarted bus resumes each after its last"
                    + " completed event: set \"retention\": {\"durable\": true}");
        }
        return List.copyOf(specs);
    }

    private static PipelineSpec read(Path file, String at, JsonNode entry) throws ConfigException {
        if (!entry.isObject()) {
            throw problem(file, at, "must be an object {\"name\", \"key\", \"params\"}");
        }
        for (String field : (Iterable<String>) entry::fieldNames) {
            if (!FIELDS.contains(field)) {
                throw problem(file, at + "." + field, "unknown field (fields: key, name, params)");
            }
        }
        String name = text(file, at + ".name", entry.get("name"));
        if (!name.matches(PipelineSpec.NAME_PATTERN)) {
            throw problem(file, at + ".name", "must be 1 to 64 of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
        String key = text(file, at + ".key", entry.get("key"));
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode given = entry.get("params");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw problem(file, at + ".params", "must be an object of param names to values");
            }
            for (Map.Entry<String, JsonNode> param : given.properties()) {
                JsonNode value = param.getValue();
                if (!value.isValueNode() || value.isNull()) {
                    throw problem(file, at + ".params." + param.getKey(), "must be a string, number or boolean");
                }
                params.put(param.getKey(), value.asText());
            }
        }
        return new PipelineSpec(name, key, params);
    }

    private static String text(Path file, String at, JsonNode value) throws ConfigException {
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw problem(file, at, "is required: a non-empty string");
        }
        return value.asText();
    }

    private static ConfigException problem(Path file, String at, String message) {
        return new ConfigException(file + ": " + at + ": " + message);
    }
}
