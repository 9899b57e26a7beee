package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageFailure;
import java.util.Optional;

/** Reading fields of an event the way stages agree on, with failures that name the field. */
public final class EventFields {
    /** Stands in for a stage whose options had problems; the compiler never runs it. */
    public static final Stage UNUSABLE = (item, next) -> next.emit(item);

    private EventFields() {
    }

    /** A required jq option compiled, or empty with the problem reported once (missing, empty or invalid). */
    public static Optional<JqProgram> requiredJq(Options options, String option, StageContext context) {
        String expression = options.requiredString(option);
        if (!options.has(option)) {
            return Optional.empty();
        }
        return JqProgram.compile(options, option, expression, context);
    }

    /** A required field path option, reported once when missing or malformed. */
    public static FieldPath requiredPath(Options options, String option) {
        String text = options.requiredString(option);
        return options.has(option) ? FieldPath.parse(options, option, text) : FieldPath.of(text);
    }

    /**
     * The text form of a scalar field ({@code "info"}, {@code 5}, {@code true} read as "info", "5",
     * "true"), or null when the field is missing or null; an object or array fails the item.
     */
    public static String scalarText(FieldPath field, JsonNode event) throws StageFailure {
        JsonNode value = field.get(event);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new StageFailure("field \"" + field + "\" is " + describe(value) + ", expected a string, number or boolean");
        }
        return value.asText();
    }

    /** A copy of {@code event} to append fields to (sharing the field values); fails on a non-object. */
    public static ObjectNode appendable(JsonNode event) throws StageFailure {
        if (event == null || !event.isObject()) {
            throw new StageFailure("the event is " + describe(event) + ", not an object");
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        copy.setAll((ObjectNode) event);
        return copy;
    }

    /** "a string", "an object", ...: a JSON value's type for messages. */
    public static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "missing";
        }
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
