package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Refuses a name a config object does not know, so a typo ({@code "retension"},
 * {@code sources.http.lisen}) is an error naming file and field, with the name it most likely
 * meant, instead of a setting silently left at its default.
 */
public final class KnownFields {
    private KnownFields() {
    }

    /**
     * Throws for the first name in {@code object} that is not in {@code known}:
     * {@code <file>: <path.name>: unknown <what>; did you mean <name>? (known: …)}.
     *
     * @param path where {@code object} is in the file ({@code sources.http}; empty at the top)
     * @param what what its names are called in messages ({@code option}, {@code section})
     */
    public static void check(Path file, String path, JsonNode object, List<String> known, String what) throws ConfigException {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            String name = entry.getKey();
            if (!known.contains(name)) {
                String hint = DidYouMean.closest(name, known).map(n -> "; did you mean " + n + "?").orElse("");
                throw new ConfigException(file + ": " + ConfigJson.member(path, name) + ": unknown " + what + hint
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
    }
}
