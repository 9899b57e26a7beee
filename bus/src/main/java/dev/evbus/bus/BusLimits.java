package dev.evbus.bus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.ConfigJson;
import dev.evbus.config.KnownFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What one bus serves at most, from the {@code limits} section of {@code $EVBUS_HOME/apps/<app>.json}:
 * {@code {"limits": {"max_connections": 4096}}}. Every connection counts (consumers, producers,
 * status queries, connections that have not said anything yet); one past the limit is answered
 * with an {@code error} frame naming it, and closed.
 *
 * @param file the config file the limit came from (or would have), for messages that name it
 */
record BusLimits(Path file, int maxConnections) {
    static final int DEFAULT_MAX_CONNECTIONS = 4096;
    /** Far above what one process's descriptors allow; a typo with extra digits is caught. */
    static final int MAX_MAX_CONNECTIONS = 1_000_000;

    static BusLimits load(Path file) throws IOException {
        JsonNode root = ConfigJson.read(file).orElse(null);
        JsonNode limits = root == null ? null : root.get("limits");
        if (limits == null || limits.isNull()) {
            return new BusLimits(file, DEFAULT_MAX_CONNECTIONS);
        }
        if (!limits.isObject()) {
            throw new ConfigException(file + ": limits must be an object, e.g. {\"max_connections\": "
                    + DEFAULT_MAX_CONNECTIONS + "}");
        }
        KnownFields.check(file, "limits", limits, List.of("max_connections"), "option");
        JsonNode max = limits.get("max_connections");
        if (max == null || max.isNull()) {
            return new BusLimits(file, DEFAULT_MAX_CONNECTIONS);
        }
        if (!max.canConvertToInt() || !max.isIntegralNumber() || max.asInt() < 1 || max.asInt() > MAX_MAX_CONNECTIONS) {
            throw new ConfigException(file + ": limits.max_connections must be a whole number from 1 to "
                    + MAX_MAX_CONNECTIONS + " (default " + DEFAULT_MAX_CONNECTIONS + "), not " + max);
        }
        return new BusLimits(file, max.asInt());
    }
}
