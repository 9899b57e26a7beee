package dev.evbus.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.DataSize;
import dev.evbus.config.DurationText;
import dev.evbus.event.EventTypePattern;
import dev.evbus.config.KnownFields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads typed options of one config section; every problem names the file and the option ({@code <file>: bridge.nats.<option>: ...}). */
record ConfigFields(Path file, String field, JsonNode section, Map<String, String> env) {

    ConfigException problem(String option, String message) {
        return new ConfigException(file + ": " + field + (option == null ? "" : "." + option) + ": " + message);
    }

    void onlyKnown(List<String> known) throws ConfigException {
        KnownFields.check(file, field, section, known, "option");
    }

    private JsonNode get(String option) {
        JsonNode node = section.get(option);
        return node == null || node.isNull() ? null : node;
    }

    Optional<String> text(String option, String example) throws ConfigException {
        JsonNode node = get(option);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw problem(option, "must be a non-empty string, such as " + example);
        }
        return Optional.of(node.asText());
    }

    /** The value of the environment variable the option names; an unset or empty one is an error. */
    Optional<String> variable(String option, String purpose) throws ConfigException {
        Optional<String> name = text(option, "\"NATS_" + option.replace("_env", "").toUpperCase(java.util.Locale.ROOT) + "\"");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String value = env.get(name.get());
        if (value == null || value.isEmpty()) {
            throw problem(option, "names $" + name.get() + ", which is not set or empty in the bus's environment;"
                    + " set it to " + purpose + ", or remove " + option);
        }
        return Optional.of(value);
    }

    List<String> list(String option, String example) throws ConfigException {
        JsonNode node = get(option);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw problem(option, "must be a list, such as " + example);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                throw problem(option, "[" + i + "] must be a non-empty string, such as " + example);
            }
            values.add(item.asText());
        }
        return values;
    }

    /** Event-type patterns as {@code evbus consume} takes them; absent means {@code ["*"]}. */
    List<String> patterns(String option) throws ConfigException {
        List<String> patterns = list(option, "[\"order.*\", \"invoice.paid\"]");
        if (patterns == null) {
            return List.of("*");
        }
        for (int i = 0; i < patterns.size(); i++) {
            String problem = EventTypePattern.problem(patterns.get(i));
            if (problem != null) {
                throw problem(option, "[" + i + "] " + Quote.of(patterns.get(i)) + ": " + problem);
            }
        }
        return List.copyOf(patterns);
    }

    int count(String option, int fallback, int min, int max) throws ConfigException {
        JsonNode node = get(option);
        if (node == null) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min || node.asInt() > max) {
            throw problem(option, "must be a whole number from " + min + " to " + max + " (default " + fallback + "), not " + node);
        }
        return node.asInt();
    }

    Duration duration(String option, Duration fallback, Duration min) throws ConfigException {
        Optional<String> text = text(option, "\"2m\"");
        if (text.isEmpty()) {
            return fallback;
        }
        Duration duration;
        try {
            duration = DurationText.parse(text.get());
        } catch (IllegalArgumentException bad) {
            throw problem(option, bad.getMessage());
        }
        if (duration.compareTo(min) < 0) {
            throw problem(option, "must be at least " + min.toMillis() + "ms, not " + Quote.of(text.get()));
        }
        return duration;
    }

    long size(String option, long fallback, long min) throws ConfigException {
        JsonNode node = get(option);
        if (node == null) {
            return fallback;
        }
        long bytes;
        try {
            bytes = DataSize.of(node);
        } catch (IllegalArgumentException bad) {
            throw problem(option, bad.getMessage());
        }
        if (bytes < min) {
            throw problem(option, "must be at least " + DataSize.format(min) + ", not " + node);
        }
        return bytes;
    }
}
