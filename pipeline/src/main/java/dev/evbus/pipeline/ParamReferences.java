package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${name}} references to a key's params in option text: a whole-string reference takes
 * the param's value with its type, an embedded one is spliced in as text, {@code $${} writes a
 * literal {@code ${}. A reference to a param the key does not declare is a problem at the
 * option's pointer.
 */
final class ParamReferences {
    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{([A-Za-z0-9_.-]*)}");

    private final JsonNode paramsJson;
    private final List<Problem> problems;

    /**
     * @param paramsJson every declared param (value or null)
     * @param problems   where unknown references are reported
     */
    ParamReferences(JsonNode paramsJson, List<Problem> problems) {
        this.paramsJson = paramsJson;
        this.problems = problems;
    }

    JsonNode paramsJson() {
        return paramsJson;
    }

    /** {@code text} with every reference replaced by its param's value (an absent value as ""). */
    String substitute(String pointer, String text) {
        if (text.indexOf("${") < 0) {
            return text;
        }
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement;
            if (escaped(matcher)) {
                replacement = matcher.group().substring(1);
            } else {
                JsonNode param = declared(pointer, matcher.group(1));
                replacement = param == null || param.isNull() ? "" : param.isTextual() ? param.asText() : param.toString();
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * A scalar option's value: a whole-string reference becomes the param's typed value (an
     * absent one ""), other text is substituted, anything else is returned as it is; null when
     * the reference names no declared param (already reported).
     */
    JsonNode resolve(String pointer, JsonNode value) {
        if (!value.isTextual()) {
            return value;
        }
        String text = value.asText();
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches() && !escaped(whole)) {
            if (!paramsJson.has(whole.group(1))) {
                declared(pointer, whole.group(1)); // reports it
                return null;
            }
            JsonNode param = paramsJson.get(whole.group(1));
            return param.isNull() ? TextNode.valueOf("") : param;
        }
        return TextNode.valueOf(substitute(pointer, text));
    }

    /** Whether {@code value} refers to a declared param that has no value (a key checked before any consumer gave one). */
    boolean unresolved(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        Matcher matcher = REFERENCE.matcher(value.asText());
        while (matcher.find()) {
            if (!escaped(matcher)) {
                JsonNode param = paramsJson.get(matcher.group(1));
                if (param == null || param.isNull()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the whole value starts with a reference: a path the user typed, not the key's author. */
    static boolean fromParam(JsonNode value) {
        return value != null && value.isTextual() && value.asText().startsWith("${");
    }

    private static boolean escaped(Matcher matcher) {
        return matcher.group().startsWith("$$");
    }

    private JsonNode declared(String pointer, String name) {
        if (paramsJson.has(name)) {
            return paramsJson.get(name);
        }
        List<String> names = new ArrayList<>();
        paramsJson.fieldNames().forEachRemaining(names::add);
        problems.add(new Problem(pointer, "refers to ${" + name + "}, but the key has no param \"" + name + "\""
                + (names.isEmpty() ? " (it declares none)" : " (declared: " + String.join(", ", names) + ")")));
        return null;
    }
}
