package dev.evbus.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Checks a consumer's {@code -p name=value} pairs against a key and fills in defaults, before any side effect. */
public final class ParamBinder {
    private ParamBinder() {
    }

    public static Params bind(KeyDefinition key, Map<String, String> given) {
        for (String name : given.keySet()) {
            if (key.param(name).isEmpty()) {
                throw new ParamException("unknown param \"" + name + "\" for key " + key.key() + validNames(key));
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (ParamDef param : key.params()) {
            String value = given.get(param.name());
            if (value == null) {
                value = param.defaultValue();
            }
            if (value == null) {
                if (param.required()) {
                    throw new ParamException("missing required param \"" + param.name() + "\" for key " + key.key()
                            + " (-p " + param.name() + "=…)");
                }
                continue;
            }
            try {
                checkValue(param, value);
            } catch (IllegalArgumentException bad) {
                throw new ParamException("param \"" + param.name() + "\" " + bad.getMessage());
            }
            values.put(param.name(), value);
        }
        return Params.mutable(values);
    }

    static void checkValue(ParamDef param, String value) {
        switch (param.type()) {
            case STRING -> { }
            case BOOL -> {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new IllegalArgumentException("must be true or false, not \"" + value + "\"");
                }
            }
            case INT -> {
                try {
                    Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("must be a whole number, not \"" + value + "\"");
                }
            }
            case ENUM -> {
                if (!param.allows(value)) {
                    throw new IllegalArgumentException("must be one of " + allowed(param) + ", not \"" + value + "\"");
                }
            }
            case MULTI -> {
                for (String part : value.split(",")) {
                    String item = part.trim();
                    if (!item.isEmpty() && !param.allows(item)) {
                        throw new IllegalArgumentException("values must be among " + allowed(param) + ", not \"" + item + "\"");
                    }
                }
            }
        }
    }

    private static String allowed(ParamDef param) {
        return param.values().stream().map(ParamValue::value).collect(Collectors.joining(", "));
    }

    private static String validNames(KeyDefinition key) {
        if (key.params().isEmpty()) {
            return " (it takes no params)";
        }
        return " (valid: " + key.params().stream().map(ParamDef::name).collect(Collectors.joining(", ")) + ")";
    }
}
