package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.event.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one stage's options, collecting every problem (with the option's JSON Pointer) instead of
 * stopping at the first, so {@code keys check} reports them all. String options may name params as
 * {@code ${name}}: a whole-string reference takes the param's value (and its type where a number
 * is expected), an embedded one is spliced in; {@code $${} writes a literal {@code ${}.
 * Reading an option marks it known; {@link #finish()} reports the options nobody read.
 */
public final class Options {
    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([A-Za-z0-9_.-]*)}");

    private final ObjectNode node;
    private final String path;
    private final JsonNode paramsJson;
    private final List<Problem> problems;
    private final Set<String> read = new HashSet<>();

    /**
     * @param path       JSON Pointer of {@code node} in the key's definition
     * @param paramsJson every declared param (value or null), for {@code ${name}} references
     * @param problems   where problems are collected; shared with the enclosing pipeline
     */
    public Options(ObjectNode node, String path, JsonNode paramsJson, List<Problem> problems) {
        this.node = node;
        this.path = path;
        this.paramsJson = paramsJson;
        this.problems = problems;
    }

    public String path() { return path; }

    /** The JSON Pointer of one option, for problems a stage finds itself. */
    public String pathOf(String option) { return path + "/" + option.replace("~", "~0").replace("/", "~1"); }

    public void problem(String option, String message) { problemAt(pathOf(option), message); }

    private void problemAt(String pointer, String message) { problems.add(new Problem(pointer, message)); }

    /** The pipeline's shared problem list, for a stage that compiles nested stages (route). */
    public List<Problem> problems() { return problems; }

    public boolean has(String option) { return node.hasNonNull(option); }

    /** The raw option, marked read; params are not substituted (use the typed readers for that). */
    public Optional<JsonNode> raw(String option) {
        read.add(option);
        return Optional.ofNullable(node.get(option)).filter(n -> !n.isNull());
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
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return fallback;
        }
        JsonNode resolved = resolveScalar(option, value.get());
        if (resolved == null) {
            return fallback;
        }
        if (resolved.canConvertToLong() && resolved.isIntegralNumber()) {
            return resolved.asLong();
        }
        if (resolved.isTextual()) {
            try {
                return Long.parseLong(resolved.asText().trim());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        problem(option, "must be an integer, not " + resolved);
        return fallback;
    }

    public double number(String option, double fallback) {
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return fallback;
        }
        JsonNode resolved = resolveScalar(option, value.get());
        if (resolved == null) {
            return fallback;
        }
        if (resolved.isNumber()) {
            return resolved.asDouble();
        }
        if (resolved.isTextual()) {
            try {
                return Double.parseDouble(resolved.asText().trim());
            } catch (NumberFormatException notANumber) {
                // reported below
            }
        }
        problem(option, "must be a number, not " + resolved);
        return fallback;
    }

    public boolean bool(String option, boolean fallback) {
        Optional<JsonNode> value = raw(option);
        if (value.isEmpty()) {
            return fallback;
        }
        JsonNode resolved = resolveScalar(option, value.get());
        if (resolved == null) {
            return fallback;
        }
        if (resolved.isBoolean()) {
            return resolved.asBoolean();
        }
        if (resolved.isTextual() && (resolved.asText().equals("true") || resolved.asText().equals("false"))) {
            return Boolean.parseBoolean(resolved.asText());
        }
        problem(option, "must be true or false, not " + resolved);
        return fallback;
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
                    out.add(substituteAt(pathOf(option) + "/" + i, element.asText()));
                } else {
                    problemAt(pathOf(option) + "/" + i, "must be a string");
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
        return Optional.of(new Options((ObjectNode) value.get(), pathOf(option), paramsJson, problems));
    }

    /**
     * Whether the option refers to a param that has no value here: {@code keys check} and key
     * loading compile with defaults only, so a file named by a required param cannot be opened
     * then, and a stage skips that check (the consumer, which has the value, makes it).
     */
    public boolean unresolved(String option) {
        JsonNode value = node.get(option);
        if (value == null || !value.isTextual()) {
            return false;
        }
        Matcher matcher = REFERENCE.matcher(value.asText());
        while (matcher.find()) {
            if (!matcher.group().startsWith("$$")) {
                JsonNode param = paramsJson.get(matcher.group(1));
                if (param == null || param.isNull()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether a relative path in this option came from a param (and so resolves against the working directory). */
    public boolean fromParam(String option) {
        JsonNode value = node.get(option);
        return value != null && value.isTextual() && value.asText().startsWith("${");
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
                out.add(new Options((ObjectNode) element, pathOf(option) + "/" + i, paramsJson, problems));
            } else {
                problemAt(pathOf(option) + "/" + i, "must be an object");
            }
        }
        return out;
    }

    /** Substitutes {@code ${name}} references in a string read from {@code option}. */
    public String substitute(String option, String text) {
        return substituteAt(pathOf(option), text);
    }

    private String substituteAt(String pointer, String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (matcher.group().startsWith("$$")) {
                replacement = matcher.group().substring(1);
            } else {
                JsonNode param = param(pointer, matcher.group(1));
                replacement = param == null || param.isNull() ? "" : param.isTextual() ? param.asText() : param.toString();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
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

    /** The option's value with a whole-string {@code ${name}} resolved; null when it names no param (already reported). */
    private JsonNode resolveScalar(String option, JsonNode value) {
        if (value.isTextual()) {
            String text = value.asText();
            Matcher whole = REFERENCE.matcher(text);
            if (whole.matches() && !text.startsWith("$$")) {
                if (!paramsJson.has(whole.group(1))) {
                    param(pathOf(option), whole.group(1)); // reports the unknown param
                    return null;
                }
                JsonNode param = paramsJson.get(whole.group(1));
                return param == null || param.isNull() ? TextNode.valueOf("") : param;
            }
            return TextNode.valueOf(substitute(option, text));
        }
        return value;
    }

    private JsonNode param(String pointer, String name) {
        if (!paramsJson.has(name)) {
            List<String> declared = new ArrayList<>();
            paramsJson.fieldNames().forEachRemaining(declared::add);
            problemAt(pointer, "refers to ${" + name + "}, but the key has no param \"" + name + "\""
                    + (declared.isEmpty() ? " (it declares none)" : " (declared: " + String.join(", ", declared) + ")"));
            return null;
        }
        return paramsJson.get(name);
    }
}
