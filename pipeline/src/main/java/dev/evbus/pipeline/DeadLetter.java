package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;

/**
 * An item that failed a stage after its last attempt, with what is needed to run that stage again.
 *
 * @param key        the key whose pipeline failed
 * @param stagePath  JSON Pointer of the failed stage (or effect) in the key's definition, such as
 *                   {@code /stages/3/route/routes/0/stages/1}
 * @param params     the consumer's params, so a replay compiles the stage exactly as it ran
 * @param item       the value as it entered the failed stage and its envelope
 * @param reason     the last failure's message
 * @param retryCount attempts made so far
 * @param failedAt   when the last attempt failed
 */
public record DeadLetter(String key, String stagePath, Map<String, String> params, Item item, String reason,
        int retryCount, Instant failedAt) {
}
