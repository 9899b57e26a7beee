package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.config.FieldReader;
import dev.evbus.pipeline.Problem;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Strict readers for a key file's own fields (not a stage's options: those are the pipeline's
 * {@code Options}), through the shared {@link FieldReader}. A field of the wrong type is a problem at
 * its JSON Pointer and reads as absent, so every problem of a file is found in one pass.
 */
record Fields(ObjectNode node, String pointer, List<Problem> problems, FieldReader<RuntimeException> reader) {

    Fields(ObjectNode node, String pointer, List<Problem> problems) {
        this(node, pointer, problems, new FieldReader<>(node, (field, index, message) -> problems.add(
                new Problem(at(pointer, field) + (index < 0 ? "" : "/" + index), message))));
    }

    String at(String field) {
        return at(pointer, field);
    }

    private static String at(String pointer, String field) {
        return pointer + "/" + SourceDocument.escape(field);
    }

    void problem(String field, String message) {
        reader.problem(field, message);
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
        return reader.present(field);
    }

    Optional<String> text(String field) {
        return reader.text(field);
    }

    String requiredText(String field, String hint) {
        Optional<String> value = text(field);
        if (value.isEmpty() && !node.hasNonNull(field)) {
            problem(field, "is required (" + hint + ")");
        }
        return value.orElse("");
    }

    Optional<Integer> integer(String field, int min, int max) {
        return reader.wholeNumber(field, min, max, "");
    }

    boolean bool(String field) {
        return reader.bool(field);
    }

    /** A list of strings; a single string counts as a list of one. */
    List<String> strings(String field) {
        return reader.strings(field);
    }

    /** The object at {@code field} as a reader of its own, when it is one; else a problem. */
    Optional<Fields> object(String field) {
        return reader.object(field).map(object -> new Fields((ObjectNode) object, at(field), problems));
    }
}
