package dev.evbus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed reads of one JSON object's fields, every problem reported through {@link FieldProblems}: the
 * one reader behind an app config's sections (the bridge, the HTTP source), a key file's fields and a
 * stage's options. An absent field and one set to {@code null} read the same: not given. A field of
 * the wrong type is reported and reads as not given, so a collecting reporter sees every problem.
 *
 * <p>Each wording here is the one its readers have always shown; callers add the limits that are
 * theirs (a minimum size, a longest duration) through {@link #problem}.
 */
public final class FieldReader<X extends Exception> {
    private final JsonNode section;
    private final FieldProblems<X> problems;

    public FieldReader(JsonNode section, FieldProblems<X> problems) {
        this.section = section;
        this.problems = problems;
    }

    public JsonNode section() {
        return section;
    }

    public void problem(String field, String message) throws X {
        problems.report(field, FieldProblems.WHOLE, message);
    }

    /** A problem with element {@code index} of the list at {@code field}. */
    public void problem(String field, int index, String message) throws X {
        problems.report(field, index, message);
    }

    /** The field's value; empty when it is absent or {@code null}. */
    public Optional<JsonNode> present(String field) {
        return Optional.ofNullable(section.get(field)).filter(value -> !value.isNull());
    }

    /** Any string, empty included: {@code must be a string, not 3}. */
    public Optional<String> text(String field) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isTextual()) {
            problem(field, "must be a string, not " + value.get());
            return Optional.empty();
        }
        return value.map(JsonNode::asText);
    }

    /** A string with more than blanks in it: {@code must be a non-empty string, such as <example>}. */
    public Optional<String> nonEmptyText(String field, String example) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && (!value.get().isTextual() || value.get().asText().isBlank())) {
            problem(field, "must be a non-empty string, such as " + example);
            return Optional.empty();
        }
        return value.map(JsonNode::asText);
    }

    /**
     * A whole number from {@code min} to {@code max}: {@code must be a whole number from 1 to 5<note>, not 9},
     * where {@code note} says more about it (such as {@code " (default 1)"}) or is empty.
     */
    public Optional<Integer> wholeNumber(String field, int min, int max, String note) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        JsonNode node = value.get();
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            problem(field, "must be a whole number from " + min + " to " + max + note + ", not " + node);
            return Optional.empty();
        }
        return Optional.of(node.intValue());
    }

    /** {@code true} or {@code false}; absent is false. */
    public boolean bool(String field) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isBoolean()) {
            problem(field, "must be true or false, not " + value.get());
            return false;
        }
        return value.map(JsonNode::asBoolean).orElse(false);
    }

    /** A size in bytes as {@link DataSize} reads it ({@code 1048576}, {@code "64MiB"}). */
    public Optional<Long> size(String field) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DataSize.of(value.get()));
        } catch (IllegalArgumentException bad) {
            problem(field, bad.getMessage());
            return Optional.empty();
        }
    }

    /** A duration as {@link DurationText} reads it ({@code "500ms"}, {@code "2m"}), given as a non-empty string. */
    public Optional<Duration> duration(String field, String example) throws X {
        Optional<String> text = nonEmptyText(field, example);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DurationText.parse(text.get()));
        } catch (IllegalArgumentException bad) {
            problem(field, bad.getMessage());
            return Optional.empty();
        }
    }

    /** A list of non-empty strings: {@code must be a list, such as <example>}; empty when not given. */
    public Optional<List<String>> list(String field, String example) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isArray()) {
            problem(field, "must be a list, such as " + example);
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < value.get().size(); i++) {
            JsonNode item = value.get().get(i);
            if (!item.isTextual() || item.asText().isEmpty()) {
                problem(field, i, "must be a non-empty string, such as " + example);
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }

    /** A list of strings, where a single string counts as a list of one; every bad element is reported. */
    public List<String> strings(String field) throws X {
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
                    problem(field, i, "must be a string, not " + element);
                }
            }
        } else {
            problem(field, "must be a list of strings, not " + value.get());
        }
        return out;
    }

    /** An object: {@code must be an object, not 3}. */
    public Optional<JsonNode> object(String field) throws X {
        Optional<JsonNode> value = present(field);
        if (value.isPresent() && !value.get().isObject()) {
            problem(field, "must be an object, not " + value.get());
            return Optional.empty();
        }
        return value;
    }
}
