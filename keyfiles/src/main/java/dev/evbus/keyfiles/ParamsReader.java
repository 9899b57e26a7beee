package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyDefinitionException;
import dev.evbus.event.ParamDef;
import dev.evbus.event.ParamType;
import dev.evbus.pipeline.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A key file's {@code params}: each entry becomes a {@link ParamDef} checked by the same rules as a
 * Java key's (through {@link KeyDefinition.Builder#build()}), one param at a time so every bad
 * param is reported, not only the first.
 */
final class ParamsReader {
    private static final List<String> FIELDS = List.of("name", "type", "default", "required", "description",
            "subscription_key", "values");
    private static final List<String> VALUE_FIELDS = List.of("value", "description");

    private ParamsReader() {
    }

    static List<ParamDef> read(JsonNode params, List<Problem> problems) {
        List<ParamDef> out = new ArrayList<>();
        if (params == null || params.isNull()) {
            return out;
        }
        if (!params.isArray()) {
            problems.add(new Problem("/params", "must be a list of params, such as [{name: threshold, type: int, default: 7}]"));
            return out;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < params.size(); i++) {
            String at = "/params/" + i;
            if (!params.get(i).isObject()) {
                problems.add(new Problem(at, "a param is an object with name, type, default, description…, not " + params.get(i)));
                continue;
            }
            Fields entry = new Fields((ObjectNode) params.get(i), at, problems);
            int before = problems.size();
            Optional<ParamDef> param = param(entry);
            if (param.isEmpty() || problems.size() > before) {
                continue;
            }
            if (!names.add(param.get().name())) {
                entry.problem("name", "param \"" + param.get().name() + "\" is declared twice");
            } else if (checked(param.get(), entry)) {
                out.add(param.get());
            }
        }
        return out;
    }

    private static Optional<ParamDef> param(Fields entry) {
        entry.rejectUnknown(FIELDS);
        String name = entry.requiredText("name", "the name consumers give with -p NAME=VALUE");
        String typeName = entry.text("type").orElse("string");
        ParamType type;
        try {
            type = ParamType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            entry.problem("type", "must be string, enum, multi, bool or int, not \"" + typeName + "\"");
            type = ParamType.STRING;
        }
        ParamDef.Builder param = ParamDef.builder(name).type(type).description(entry.text("description").orElse(""));
        defaultValue(entry).ifPresent(param::defaultValue);
        if (entry.bool("required")) {
            param.required();
        }
        if (entry.bool("subscription_key")) {
            param.subscriptionKey();
        }
        values(entry, param);
        return Optional.of(param.build());
    }

    /** Any scalar, as the string a consumer would type; a list (for multi) joined with commas. */
    private static Optional<String> defaultValue(Fields entry) {
        Optional<JsonNode> value = entry.present("default");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (value.get().isValueNode()) {
            return Optional.of(value.get().asText());
        }
        if (value.get().isArray()) {
            StringJoiner joined = new StringJoiner(",");
            for (JsonNode element : value.get()) {
                if (!element.isValueNode()) {
                    entry.problem("default", "a list default holds values, not " + element);
                    return Optional.empty();
                }
                joined.add(element.asText());
            }
            return Optional.of(joined.toString());
        }
        entry.problem("default", "must be a value (or a list of values for a multi param), not " + value.get());
        return Optional.empty();
    }

    private static void values(Fields entry, ParamDef.Builder param) {
        Optional<JsonNode> values = entry.present("values");
        if (values.isEmpty()) {
            return;
        }
        if (!values.get().isArray()) {
            entry.problem("values", "must be a list of {value, description}");
            return;
        }
        for (int i = 0; i < values.get().size(); i++) {
            String at = entry.at("values") + "/" + i;
            JsonNode value = values.get().get(i);
            if (!value.isObject()) {
                entry.problems().add(new Problem(at, "a value is {value: " + value + ", description: …}"));
                continue;
            }
            Fields fields = new Fields((ObjectNode) value, at, entry.problems());
            fields.rejectUnknown(VALUE_FIELDS);
            Optional<JsonNode> text = fields.present("value");
            if (text.isEmpty() || !text.get().isValueNode()) {
                fields.problem("value", "is required (a value consumers may give)");
                continue;
            }
            param.value(text.get().asText(), fields.text("description").orElse(""));
        }
    }

    /** The rules every key's params follow, applied by the key builder to this param alone. */
    private static boolean checked(ParamDef param, Fields entry) {
        try {
            KeyDefinition.builder("check").eventType("check").nativeSchema(JsonNodeFactory.instance.objectNode())
                    .param(param).build();
            return true;
        } catch (KeyDefinitionException broken) {
            String prefix = broken.field() + ": ";
            String message = broken.getMessage().substring(broken.getMessage().indexOf(prefix) + prefix.length());
            String field = message.startsWith("default") ? "default" : message.startsWith("name") ? "name"
                    : message.contains("value") ? "values" : "type";
            entry.problem(field, message);
            return false;
        }
    }
}
