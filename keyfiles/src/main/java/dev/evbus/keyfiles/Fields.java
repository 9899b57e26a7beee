package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Strict readers for a key file's own fields (not a stage's options: those are the pipeline's
 * {@code Options}). A field of the wrong type is a problem at its JSON Pointer and reads as absent,
 * so every problem of a file is found in one pass.
 */
record Fields(ObjectNode node, String pointer, List<Problem> problems) {

    String at(String field) {
        return pointer + "/" + SourceDocument.escape(field);
    }

    void problem(String field, String message) {
        problems.add(new Problem(at(field), message));
    }

    /** Every field not in {@code known} is a problem: a typo must not pass for a default. */
    void rejectUnknown(Collection<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                problem(name, "unknown field (fields: " + String.join(", ", known) + ")");
            }
        }
    }

    Optional<JsonNode> present(String field) {
        return Optional.ofNullable(node.get(field)).filter(value -> !value.isNull());
    }

    Optional<String> text(String field) {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isTextual()) {
            problem(field, "must be a string, not " + value.get());
            return Optional.empty();
        }
        return value.map(JsonNode::asText);
    }

    String requiredText(String field, String hint) {
        Optional<String> value = text(field);
        if (value.isEmpty() && !node.hasNonNull(field)) {
            problem(field, "is required (" + hint + ")");
        }
        return value.orElse("");
    }

    Optional<Integer> integer(String field, int min, int max) {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().canConvertToInt() || !value.get().isIntegralNumber()
                || value.get().intValue() < min || value.get().intValue() > max) {
            problem(field, "must be a whole number from " + min + " to " + max + ", not " + value.get());
            return Optional.empty();
        }
        return Optional.of(value.get().intValue());
    }

    boolean bool(String field) {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isBoolean()) {
            problem(field, "must be true or false, not " + value.get());
            return false;
        }
        return value.map(JsonNode::asBoolean).orElse(false);
    }

    /** A list of strings; a single string counts as a list of one. */
    List<String> strings(String field) {
        List<String> out = new ArrayList<>();
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return out;
        }
        if (value.get().isTextual()) {
            out.add(value.get().asText());
        } else if (value.get().isArray()) {
            for (int i = 0; i < value.get().size(); i++) {
                JsonNode element = value.get().get(i);
                if (element.isTextual()) {
                    out.add(element.asText());
                } else {
                    problems.add(new Problem(at(field) + "/" + i, "must be a string, not " + element));
                }
            }
        } else {
            problem(field, "must be a list of strings, not " + value.get());
        }
        return out;
    }

    /** The object at {@code field} as a reader of its own, when it is one; else a problem. */
    Optional<Fields> object(String field) {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isObject()) {
            problem(field, "must be an object, not " + value.get());
            return Optional.empty();
        }
        return value.map(object -> new Fields((ObjectNode) object, at(field), problems));
    }
}
