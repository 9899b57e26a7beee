package dev.evbus.sources.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import dev.evbus.pipeline.FieldPath;
import java.io.IOException;

/**
 * A line that is any JSON object, typed by the value of a dotted field; the payload is the whole
 * object, written compactly (decimals kept as written). The id and source time come from their own
 * fields when configured; a line without them gets none (the bus's clock, no dedup).
 */
record TypedLineFormat(String typeField, String idField, String timeField) implements LineFormat {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    @Override
    public Event parse(byte[] line, int length) throws Rejected {
        JsonNode object;
        try {
            object = JSON.readTree(line, 0, length);
        } catch (JsonProcessingException bad) {
            throw new Rejected("not valid JSON: " + bad.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        if (object == null || !object.isObject()) {
            throw new Rejected("not a JSON object");
        }
        JsonNode type = FieldPath.of(typeField).get(object);
        if (type == null || !type.isTextual() || type.asText().isEmpty()) {
            throw new Rejected("type_field \"" + typeField + "\" must be a non-empty string, not "
                    + (type == null ? "missing" : type.toString()));
        }
        String id = idField == null ? null : scalar(object, idField, "id_field", false);
        String time = timeField == null ? null : scalar(object, timeField, "time_field", true);
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(object);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
        LineFormat.check(type.asText(), id, time, payload);
        return new Event(type.asText(), id, time, payload);
    }

    /** A string or whole number at {@code path} as text; null when it is missing or JSON null. */
    private static String scalar(JsonNode object, String path, String option, boolean millis) throws Rejected {
        JsonNode value = FieldPath.of(path).get(object);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && (!millis || value.asLong() >= 0) || value.isTextual() && !value.asText().isEmpty()) {
            return value.asText();
        }
        throw new Rejected(option + " \"" + path + "\" must be " + (millis ? "milliseconds since the epoch" : "a non-empty string or a whole number")
                + ", not " + value);
    }
}
