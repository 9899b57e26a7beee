package dev.evbus.pipeline.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.RawEvent;
import dev.evbus.event.RawJson;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.Item;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dead letter's file: {@code {"id","key","stage","dlq_reason","retry_count","dlq_timestamp",
 * "params":{…},"event":{"event_type","event_id","source_time","seq"},"value":…}}. {@code value}
 * is the item as it entered the failed stage; {@code event} is the bus event it came from.
 */
final class LetterJson {
    /** A file that is not a dead letter; the message says which field is wrong. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private LetterJson() {
    }

    static ObjectNode encode(String id, DeadLetter letter) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id).put("key", letter.key()).put("stage", letter.stagePath()).put("dlq_reason", letter.reason())
                .put("retry_count", letter.retryCount()).put("dlq_timestamp", letter.failedAt().toString());
        ObjectNode params = json.putObject("params");
        new java.util.TreeMap<>(letter.params()).forEach(params::put);
        ObjectNode event = json.putObject("event");
        RawEvent envelope = letter.item().envelope();
        if (envelope != null) {
            event.put("event_type", envelope.eventType()).put("event_id", envelope.eventId())
                    .put("source_time", envelope.sourceTime()).put("seq", envelope.seq());
        }
        json.set("value", letter.item().value());
        return json;
    }

    static StoredLetter decode(JsonNode json, Path file) throws Malformed {
        if (!json.isObject()) {
            throw new Malformed("not a JSON object");
        }
        String id = text(json, "id");
        if (!LetterIds.valid(id)) {
            throw new Malformed("\"id\" is not a dead-letter id");
        }
        String stage = text(json, "stage");
        if (!stage.startsWith("/")) {
            throw new Malformed("\"stage\" is not a JSON Pointer");
        }
        JsonNode retries = json.get("retry_count");
        if (retries == null || !retries.canConvertToInt() || !retries.isIntegralNumber() || retries.asInt() < 0) {
            throw new Malformed("\"retry_count\" is not a count");
        }
        JsonNode event = json.get("event");
        if (event == null || !event.isObject()) {
            throw new Malformed("\"event\" is not an object");
        }
        if (!json.has("value")) {
            throw new Malformed("\"value\" is missing");
        }
        JsonNode value = json.get("value");
        RawEvent envelope = new RawEvent(text(event, "event_type"), optionalText(event, "event_id"),
                optionalText(event, "source_time"), event.path("seq").asLong(), RawJson.of(value));
        DeadLetter letter = new DeadLetter(text(json, "key"), stage, params(json.get("params")), new Item(value, envelope),
                text(json, "dlq_reason"), retries.asInt(), timestamp(text(json, "dlq_timestamp")));
        return new StoredLetter(id, letter, file);
    }

    private static String text(JsonNode json, String field) throws Malformed {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual()) {
            throw new Malformed("\"" + field + "\" is " + (value == null ? "missing" : "not a string"));
        }
        return value.asText();
    }

    private static String optionalText(JsonNode json, String field) throws Malformed {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : text(json, field);
    }

    private static Map<String, String> params(JsonNode params) throws Malformed {
        if (params == null || !params.isObject()) {
            throw new Malformed("\"params\" is not an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> param : params.properties()) {
            if (!param.getValue().isTextual()) {
                throw new Malformed("param \"" + param.getKey() + "\" is not a string");
            }
            out.put(param.getKey(), param.getValue().asText());
        }
        return out;
    }

    private static Instant timestamp(String text) throws Malformed {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException bad) {
            throw new Malformed("\"dlq_timestamp\" is not an RFC 3339 time");
        }
    }
}
