package dev.evbus.sources.file;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.sources.NumbersAsWritten;
import java.io.IOException;

/**
 * A line that is any JSON object, typed by the value of a dotted field; the payload is the whole
 * object, written compactly with every number as written ({@link NumbersAsWritten}). The id and source time come from their own
 * fields when configured; a line without them gets none (the bus's clock, no dedup).
 */
record TypedLineFormat(String typeField, String idField, String timeField) implements LineFormat {
    /** Decimals as doubles: the tree only finds the type, id and time; the payload keeps the written text. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        try (JsonParser parser = JSON.createParser(line, 0, length)) {
            parser.nextToken();
            payload = NumbersAsWritten.copy(parser);
        } catch (IOException impossible) {
            throw new IllegalStateException("a line that parsed did not parse again", impossible);
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
