package dev.evbus.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.ConfigJson;
import dev.evbus.config.KnownFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The {@code sources} section of {@code $EVBUS_HOME/apps/<app>.json}:
 * {@code {"sources": {"http": {"listen": "127.0.0.1:0"}, "file": {"path": "/var/log/app/events.ndjson"}}}}.
 * At most one source of each kind (its name is the kind), planned in the order the file lists
 * them. A kind set to {@code null} is not configured. Every problem is one {@link ConfigException}
 * naming the file and the field, found before the bus opens anything.
 *
 * @param file  the config file, for messages
 * @param plans each configured source, checked and ready to build
 */
public record SourcesConfig(Path file, List<Planned> plans) {

    /** One configured source: its name, kind and checked section. */
    public record Planned(String name, String kind, SourceFactory.Plan plan) {
    }

    public SourcesConfig {
        plans = List.copyOf(plans);
    }

    public boolean isEmpty() {
        return plans.isEmpty();
    }

    /** What every configured source sees of each accepted event, in one call; {@link AcceptedEvents#NONE} when none watches. */
    public AcceptedEvents watchers() {
        List<AcceptedEvents> watchers = plans.stream().map(p -> p.plan().watches()).filter(w -> w != AcceptedEvents.NONE).toList();
        return switch (watchers.size()) {
            case 0 -> AcceptedEvents.NONE;
            case 1 -> watchers.getFirst();
            default -> (type, payload, at) -> watchers.forEach(w -> w.accepted(type, payload, at));
        };
    }

    /** Reads the file (an absent file configures no source). */
    public static SourcesConfig load(Path file, Map<String, SourceFactory> kinds) throws IOException {
        Optional<JsonNode> read = ConfigJson.read(file);
        if (read.isEmpty()) {
            return new SourcesConfig(file, List.of());
        }
        JsonNode root = read.get();
        return read(file, root == null ? null : root.get("sources"), kinds);
    }

    /** Reads the {@code sources} section itself (null or absent: no source). */
    public static SourcesConfig read(Path file, JsonNode section, Map<String, SourceFactory> kinds) throws ConfigException {
        if (section == null || section.isNull() || section.isMissingNode()) {
            return new SourcesConfig(file, List.of());
        }
        if (!section.isObject()) {
            throw new ConfigException(file + ": sources must be an object of source kinds, e.g. "
                    + "{\"http\": {\"listen\": \"127.0.0.1:0\"}}");
        }
        if (kinds.isEmpty() && !section.isEmpty()) {
            throw new ConfigException(file + ": " + ConfigJson.member("sources", section.fieldNames().next())
                    + ": unknown source kind (known: none in this build)");
        }
        KnownFields.check(file, "sources", section, List.copyOf(new TreeSet<>(kinds.keySet())), "source kind");
        List<Planned> plans = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String kind = entry.getKey();
            String field = ConfigJson.member("sources", kind);
            SourceFactory factory = kinds.get(kind);
            JsonNode options = entry.getValue();
            if (options.isNull()) {
                continue;
            }
            if (!options.isObject()) {
                throw new ConfigException(file + ": " + field + " must be an object of options, e.g. {}");
            }
            plans.add(new Planned(kind, kind, factory.plan(options, field, file)));
        }
        return new SourcesConfig(file, plans);
    }

    /** JSON string quoting, for untrusted text in messages and log lines. */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
