package dev.evbus.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.DataSize;
import dev.evbus.config.FieldReader;
import dev.evbus.config.KnownFields;
import dev.evbus.event.EventTypePattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads typed options of one config section through the shared {@link FieldReader}, stopping at the
 * first problem, which names the file and the option ({@code <file>: bridge.nats.<option>: ...}); the
 * bridge adds its defaults, limits, environment variables and event-type patterns.
 */
final class ConfigFields {
    private final Path file;
    private final String field;
    private final JsonNode section;
    private final Map<String, String> env;
    private final FieldReader<ConfigException> reader;

    ConfigFields(Path file, String field, JsonNode section, Map<String, String> env) {
        this.file = file;
        this.field = field;
        this.section = section;
        this.env = env;
        this.reader = new FieldReader<>(section, (option, index, message) -> {
            throw problem(file, field, option, (index < 0 ? "" : "[" + index + "] ") + message);
        });
    }

    JsonNode section() {
        return section;
    }

    private static ConfigException problem(Path file, String field, String option, String message) {
        return new ConfigException(file + ": " + field + (option == null ? "" : "." + option) + ": " + message);
    }

    ConfigException problem(String option, String message) {
        return problem(file, field, option, message);
    }

    void onlyKnown(List<String> known) throws ConfigException {
        KnownFields.check(file, field, section, known, "option");
    }

    Optional<String> text(String option, String example) throws ConfigException {
        return reader.nonEmptyText(option, example);
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
        return reader.list(option, example).orElse(null);
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
                reader.problem(option, i, Quote.of(patterns.get(i)) + ": " + problem);
            }
        }
        return List.copyOf(patterns);
    }

    int count(String option, int fallback, int min, int max) throws ConfigException {
        return reader.wholeNumber(option, min, max, " (default " + fallback + ")").orElse(fallback);
    }

    Duration duration(String option, Duration fallback, Duration min) throws ConfigException {
        Optional<Duration> duration = reader.duration(option, "\"2m\"");
        if (duration.isPresent() && duration.get().compareTo(min) < 0) {
            throw problem(option, "must be at least " + min.toMillis() + "ms, not " + Quote.of(section.get(option).asText()));
        }
        return duration.orElse(fallback);
    }

    long size(String option, long fallback, long min) throws ConfigException {
        Optional<Long> bytes = reader.size(option);
        if (bytes.isPresent() && bytes.get() < min) {
            throw problem(option, "must be at least " + DataSize.format(min) + ", not " + section.get(option));
        }
        return bytes.orElse(fallback);
    }
}
