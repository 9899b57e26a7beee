package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.config.DurationText;
import dev.evbus.config.FieldReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one stage's options, collecting every problem (with the option's JSON Pointer) instead of
 * stopping at the first, so {@code keys check} reports them all: the shared {@link FieldReader} finds
 * each option and reports its problems; the conversions here add param references. String options may name params as
 * {@code ${name}} ({@link ParamReferences}). Reading an option marks it known; {@link #finish()}
 * reports the options nobody read.
 */
public final class Options {
    private final ObjectNode node;
    private final String path;
    private final ParamReferences references;
    private final List<Problem> problems;
    private final FieldReader<RuntimeException> reader;
    private final Set<String> read = new HashSet<>();

    /**
     * @param path       JSON Pointer of {@code node} in the key's definition
     * @param paramsJson every declared param (value or null), for {@code ${name}} references
     * @param problems   where problems are collected; shared with the enclosing pipeline
     */
    public Options(ObjectNode node, String path, JsonNode paramsJson, List<Problem> problems) {
        this(node, path, new ParamReferences(paramsJson, problems), problems);
    }

    private Options(ObjectNode node, String path, ParamReferences references, List<Problem> problems) {
        this.node = node;
        this.path = path;
        this.references = references;
        this.problems = problems;
        this.reader = new FieldReader<>(node, (option, index, message) ->
                problems.add(new Problem(pathOf(option) + (index < 0 ? "" : "/" + index), message)));
    }

    public String path() { return path; }

    /** The JSON Pointer of one option, for problems a stage finds itself. */
    public String pathOf(String option) { return path + "/" + option.replace("~", "~0").replace("/", "~1"); }

    public void problem(String option, String message) { reader.problem(option, message); }

    /** The pipeline's shared problem list, for a stage that compiles nested stages (route). */
    public List<Problem> problems() { return problems; }

    public boolean has(String option) { return node.hasNonNull(option); }

    /** The raw option, marked read; params are not substituted (use the typed readers for that). */
    public Optional<JsonNode> raw(String option) {
        read.add(option);
        return reader.present(option);
    }

    public String string(String option, String fallback) {
        return optionalString(option).orElse(fallback);
    }

    public String requiredString(String option) {
        Optional<String> value = optionalString(option);
        if (value.isEmpty() && !node.hasNonNull(option)) {
            problem(option, "is required");
        }
        return value.orElse("");
    }

    public Optional<String> optionalString(String option) {
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isValueNode()) {
            problem(option, "must be a string");
            return Optional.empty();
        }
        return Optional.of(substitute(option, value.get().asText()));
    }

    public long integer(String option, long fallback) {
        return scalar(option, fallback, "an integer", Options::asLong);
    }

    public double number(String option, double fallback) {
        return scalar(option, fallback, "a number", Options::asDouble);
    }

    public boolean bool(String option, boolean fallback) {
        return scalar(option, fallback, "true or false", Options::asBoolean);
    }

    /** A duration such as {@code 500ms}, {@code 10s}, {@code 1m30s}. */
    public Duration duration(String option, Duration fallback) {
        Optional<String> text = optionalString(option);
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            return DurationText.parse(text.get());
        } catch (IllegalArgumentException bad) {
            problem(option, "must be a duration such as 500ms, 10s or 1m, not \"" + text.get() + "\"");
            return fallback;
        }
    }

    /** A list of strings; a single string counts as a list of one. */
    public List<String> strings(String option) {
        Optional<JsonNode> value = raw(option);
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        if (value.get().isTextual()) {
            out.add(substitute(option, value.get().asText()));
        } else if (value.get().isArray()) {
            for (int i = 0; i < value.get().size(); i++) {
                JsonNode element = value.get().get(i);
                if (element.isValueNode() && !element.isNull()) {
                    out.add(references.substitute(pathOf(option) + "/" + i, element.asText()));
                } else {
                    reader.problem(option, i, "must be a string");
                }
            }
        } else {
            problem(option, "must be a string or a list of strings");
        }
        return out;
    }

    /** An object option (such as a map of defaults); empty when absent. */
    public ObjectNode object(String option) {
        Optional<JsonNode> value = raw(option);
        if (value.isPresent() && value.get().isObject()) {
            return (ObjectNode) value.get();
        }
        if (value.isPresent()) {
            problem(option, "must be an object");
        }
        return node.objectNode();
    }

    /** Options of a nested object (such as {@code retry}), read with the same rules. */
    public Optional<Options> nested(String option) {
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!value.get().isObject()) {
            problem(option, "must be an object");
            return Optional.empty();
        }
        return Optional.of(new Options((ObjectNode) value.get(), pathOf(option), references, problems));
    }

    /**
     * Whether the option refers to a param that has no value here: {@code keys check} and key
     * loading compile with defaults only, so a file named by a required param cannot be opened
     * then, and a stage skips that check (the consumer, which has the value, makes it).
     */
    public boolean unresolved(String option) {
        return references.unresolved(node.get(option));
    }

    /**
     * Where a file named by {@code option} (its value, already read as {@code name}) is: an
     * absolute name as it is; a relative one from a {@code ${param}} against the working
     * directory (the user typed it there), otherwise against {@code baseDir} (the key file's
     * directory; the working directory when null).
     */
    public Path file(String option, String name, Path baseDir) {
        Path given = Path.of(name);
        if (given.isAbsolute()) {
            return given.normalize();
        }
        boolean typed = ParamReferences.fromParam(node.get(option)) || baseDir == null;
        return (typed ? Path.of("").toAbsolutePath() : baseDir.toAbsolutePath()).resolve(given).normalize();
    }

    /**
     * A list of objects (such as a route's {@code routes}), each read as nested options at
     * {@code option/i}; an element that is not an object is a problem and left out. Callers
     * {@link #finish()} each element.
     */
    public List<Options> objects(String option) {
        Optional<JsonNode> value = raw(option);
        List<Options> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        if (!value.get().isArray()) {
            problem(option, "must be a list of objects");
            return out;
        }
        for (int i = 0; i < value.get().size(); i++) {
            JsonNode element = value.get().get(i);
            if (element.isObject()) {
                out.add(new Options((ObjectNode) element, pathOf(option) + "/" + i, references, problems));
            } else {
                reader.problem(option, i, "must be an object");
            }
        }
        return out;
    }

    /** Substitutes {@code ${name}} references in a string read from {@code option}. */
    public String substitute(String option, String text) {
        return references.substitute(pathOf(option), text);
    }

    /** Reports every option this stage did not read: a typo must not pass for a default. */
    public void finish() {
        for (var property : node.properties()) {
            String name = property.getKey();
            if (!read.contains(name)) {
                problem(name, "unknown option");
            }
        }
    }

    /** Reads a scalar option through {@code convert}, which gives null for a value it cannot take. */
    private <T> T scalar(String option, T fallback, String expected, Function<JsonNode, T> convert) {
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return fallback;
        }
        JsonNode resolved = references.resolve(pathOf(option), value.get());
        if (resolved == null) {
            return fallback; // an unknown param, already reported
        }
        T converted = convert.apply(resolved);
        if (converted == null) {
            problem(option, "must be " + expected + ", not " + resolved);
            return fallback;
        }
        return converted;
    }

    private static Long asLong(JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        try {
            return value.isTextual() ? Long.parseLong(value.asText().trim()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Double asDouble(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return value.isTextual() ? Double.parseDouble(value.asText().trim()) : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }

    private static Boolean asBoolean(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.isTextual() ? value.asText() : "";
        return text.equals("true") || text.equals("false") ? Boolean.valueOf(text) : null;
    }
}
