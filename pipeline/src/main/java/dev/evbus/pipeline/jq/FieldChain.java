package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.thisptr.jackson.jq.exception.JsonQueryException;

/**
 * A jq expression that is only field accesses, {@code .alert} or {@code .data.value}: the most
 * common expression in key files (a filter, a window's value, a route's field), evaluated here
 * rather than by jackson-jq. Compiling even {@code .alert} with jackson-jq builds its parser and,
 * through a static field of its field-access class, an {@code ObjectMapper} with its date formats:
 * tens of milliseconds of a keyed consumer's start (decision 0042).
 *
 * <p>It gives what jackson-jq 1.6 gives, output for output and error for error (the same node
 * objects, the same messages: {@code FieldChainTest} holds the two side by side). Only the plain
 * form is taken: a dot and an ASCII identifier, repeated, with no spaces, brackets, quotes or
 * {@code ?}; jq keywords are names here as they are in jackson-jq ({@code .end}, {@code .if}).
 * Anything else goes to jackson-jq.
 */
record FieldChain(List<String> names) {
    FieldChain {
        names = List.copyOf(names);
    }

    /** The chain {@code expression} is, or empty when it is any other jq. */
    static Optional<FieldChain> parse(String expression) {
        List<String> names = new ArrayList<>(2);
        int at = 0;
        int length = expression.length();
        while (at < length) {
            if (expression.charAt(at) != '.' || at + 1 >= length || !identifierStart(expression.charAt(at + 1))) {
                return Optional.empty();
            }
            int end = at + 2;
            while (end < length && identifierPart(expression.charAt(end))) {
                end++;
            }
            names.add(expression.substring(at + 1, end));
            at = end;
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new FieldChain(names));
    }

    /**
     * The one output for {@code input}: null in, null out; an object gives its field (null when it
     * has none); anything else is jq's error, in jackson-jq's words.
     */
    JsonNode apply(JsonNode input) throws JsonQueryException {
        JsonNode value = input;
        for (String name : names) {
            if (value.isNull()) {
                value = NullNode.getInstance();
            } else if (value.isObject()) {
                JsonNode field = value.get(name);
                value = field == null ? NullNode.getInstance() : field;
            } else {
                throw new JsonQueryException("Cannot index " + typeOf(value) + " with string \"" + name + "\"");
            }
        }
        return value;
    }

    /** jackson-jq's name for a node's type, and its refusal of a node that holds a Java object. */
    private static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "array";
            case BINARY, STRING -> "string";
            case BOOLEAN -> "boolean";
            case MISSING, NULL -> "null";
            case NUMBER -> "number";
            case OBJECT -> "object";
            case POJO -> throw new IllegalArgumentException("Unknown JsonNodeType: " + value.getNodeType());
        };
    }

    private static boolean identifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private static boolean identifierPart(char c) {
        return identifierStart(c) || (c >= '0' && c <= '9');
    }
}
