package dev.evbus.sources.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.config.KnownFields;
import dev.evbus.config.DataSize;
import dev.evbus.config.DurationText;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code sources.file} object of {@code $EVBUS_HOME/apps/<app>.json}.
 *
 * @param path         the followed file, absolute (a relative {@code path} in the config is taken
 *                     from {@code $EVBUS_HOME}, since a bus's working directory is anyone's guess)
 * @param typeField    dotted field holding the event type of each line, or null for publish lines
 * @param idField      dotted field holding the event id (typed lines only), or null
 * @param timeField    dotted field holding the source time in epoch ms (typed lines only), or null
 * @param startAt      where a file never followed before is first read from
 * @param pollInterval how often the file is looked at
 * @param stallAfter   silence after which the source reports {@code stalled}, or null for never
 * @param maxLine      the longest line taken, in bytes without its newline; longer ones are skipped
 */
public record FileSourceConfig(Path path, String typeField, String idField, String timeField, StartAt startAt,
        Duration pollInterval, Duration stallAfter, int maxLine) {

    /** Where a file the source has no saved position for is first read from. */
    public enum StartAt { END, BEGINNING }

    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);
    public static final int DEFAULT_MAX_LINE = 1 << 20;
    static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(10);
    static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(1);
    static final int MIN_MAX_LINE = 64;
    /** A line longer than this could not carry a payload the bus takes (1 MiB) plus its envelope. */
    static final int MAX_MAX_LINE = 2 << 20;

    private static final String PREFIX = "sources.file.";
    private static final List<String> OPTIONS = List.of("path", "type_field", "id_field", "time_field", "start_at",
            "poll_interval", "stall_after", "max_line");

    /** A config with the defaults for everything but the path (tests, and the least config). */
    public static FileSourceConfig of(Path path) {
        return new FileSourceConfig(path, null, null, null, StartAt.END, DEFAULT_POLL_INTERVAL, null, DEFAULT_MAX_LINE);
    }

    /**
     * Reads {@code section}; every problem is one {@link ConfigException} naming {@code file} and the
     * field ({@code apps/x.json: sources.file.path: ...}).
     */
    public static FileSourceConfig from(Path file, JsonNode section, Path evbusHome) throws ConfigException {
        if (section == null || !section.isObject()) {
            throw new ConfigException(file + ": sources.file must be an object, e.g. {\"path\": \"/var/log/app/events.ndjson\"}");
        }
        KnownFields.check(file, "sources.file", section, OPTIONS, "option");
        String pathText = text(file, section, "path", "a file name such as \"/var/log/app/events.ndjson\"");
        if (pathText == null || pathText.isBlank()) {
            throw problem(file, "path", "required: the NDJSON file to follow, e.g. \"/var/log/app/events.ndjson\"");
        }
        Path path;
        try {
            path = evbusHome.resolve(pathText).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException bad) {
            throw problem(file, "path", "not a file name: " + bad.getReason());
        }
        String typeField = fieldPath(file, section, "type_field");
        String idField = fieldPath(file, section, "id_field");
        String timeField = fieldPath(file, section, "time_field");
        if (typeField == null && (idField != null || timeField != null)) {
            throw problem(file, idField != null ? "id_field" : "time_field",
                    "only with type_field (publish lines carry event_id and source_time themselves)");
        }
        String start = text(file, section, "start_at", "\"end\" or \"beginning\"");
        StartAt startAt = switch (start == null ? "end" : start) {
            case "end" -> StartAt.END;
            case "beginning" -> StartAt.BEGINNING;
            default -> throw problem(file, "start_at", "must be \"end\" or \"beginning\", not " + section.get("start_at"));
        };
        Duration poll = duration(file, section, "poll_interval");
        if (poll == null) {
            poll = DEFAULT_POLL_INTERVAL;
        } else if (poll.compareTo(MIN_POLL_INTERVAL) < 0 || poll.compareTo(MAX_POLL_INTERVAL) > 0) {
            throw problem(file, "poll_interval", "must be from 10ms to 1m (default 250ms)");
        }
        Duration stall = duration(file, section, "stall_after");
        if (stall != null && stall.isZero()) {
            throw problem(file, "stall_after", "must be longer than 0 (leave it out to never report stalled)");
        }
        return new FileSourceConfig(path, typeField, idField, timeField, startAt, poll, stall, maxLine(file, section));
    }

    private static int maxLine(Path file, JsonNode section) throws ConfigException {
        JsonNode node = section.get("max_line");
        if (node == null || node.isNull()) {
            return DEFAULT_MAX_LINE;
        }
        long bytes;
        try {
            bytes = node.isIntegralNumber() ? node.asLong() : DataSize.parse(text(file, section, "max_line", "\"1MiB\""));
        } catch (IllegalArgumentException bad) {
            throw problem(file, "max_line", bad.getMessage());
        }
        if (bytes < MIN_MAX_LINE || bytes > MAX_MAX_LINE) {
            throw problem(file, "max_line", "must be from " + MIN_MAX_LINE + " bytes to 2MiB (default 1MiB), not " + node);
        }
        return (int) bytes;
    }

    private static Duration duration(Path file, JsonNode section, String field) throws ConfigException {
        JsonNode node = section.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return DurationText.parse(node.isNumber() ? node.asText() : text(file, section, field, "\"250ms\" or \"30s\""));
        } catch (IllegalArgumentException bad) {
            throw problem(file, field, bad.getMessage());
        }
    }

    private static String fieldPath(Path file, JsonNode section, String field) throws ConfigException {
        String text = text(file, section, field, "a dotted field name such as \"meta.type\"");
        if (text != null && (text.isEmpty() || List.of(text.split("\\.", -1)).contains(""))) {
            throw problem(file, field, "\"" + text + "\" is not a field path (write names joined by dots, such as meta.type)");
        }
        return text;
    }

    private static String text(Path file, JsonNode section, String field, String example) throws ConfigException {
        JsonNode node = section.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw problem(file, field, "must be a string: " + example + ", not " + node);
        }
        return node.asText();
    }

    private static ConfigException problem(Path file, String field, String what) {
        return new ConfigException(file + ": " + PREFIX + field + ": " + what);
    }
}
