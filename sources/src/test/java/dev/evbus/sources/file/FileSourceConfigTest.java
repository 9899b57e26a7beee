package dev.evbus.sources.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileSourceConfigTest {
    private static final Path FILE = Path.of("apps/x.json");
    private static final Path HOME = Path.of("/home/u/.evbus");

    private static FileSourceConfig parse(String json) throws IOException {
        JsonNode section = new ObjectMapper().readTree(json);
        return FileSourceConfig.from(FILE, section, HOME);
    }

    @Test
    void onlyAPathTakesEveryDefault() throws IOException {
        FileSourceConfig config = parse("{\"path\":\"/var/log/app/events.ndjson\"}");
        assertEquals(FileSourceConfig.of(Path.of("/var/log/app/events.ndjson")), config);
        assertEquals(FileSourceConfig.StartAt.END, config.startAt());
        assertEquals(Duration.ofMillis(250), config.pollInterval());
        assertNull(config.stallAfter());
        assertEquals(1 << 20, config.maxLine());
    }

    @Test
    void aRelativePathIsTakenFromEvbusHome() throws IOException {
        assertEquals(Path.of("/home/u/.evbus/logs/in.ndjson"), parse("{\"path\":\"logs/./in.ndjson\"}").path());
    }

    @Test
    void everyOptionIsRead() throws IOException {
        FileSourceConfig config = parse("{\"path\":\"/f\",\"type_field\":\"meta.type\",\"id_field\":\"id\",\"time_field\":\"ts\","
                + "\"start_at\":\"beginning\",\"poll_interval\":\"1s\",\"stall_after\":\"5m\",\"max_line\":\"64KiB\"}");
        assertEquals(new FileSourceConfig(Path.of("/f"), "meta.type", "id", "ts", FileSourceConfig.StartAt.BEGINNING,
                Duration.ofSeconds(1), Duration.ofMinutes(5), 64 << 10), config);
        assertEquals(4096, parse("{\"path\":\"/f\",\"max_line\":4096}").maxLine());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|apps/x.json: sources.file.path: required: the NDJSON file to follow, e.g. \"/var/log/app/events.ndjson\"",
        "{\"path\":3}|apps/x.json: sources.file.path: must be a string: a file name such as \"/var/log/app/events.ndjson\", not 3",
        "{\"path\":\"/f\",\"paht\":1}|apps/x.json: sources.file.paht: unknown option; did you mean path? (known: path, type_field, id_field, time_field, start_at, poll_interval, stall_after, max_line)",
        "{\"path\":\"/f\",\"start_at\":\"now\"}|apps/x.json: sources.file.start_at: must be \"end\" or \"beginning\", not \"now\"",
        "{\"path\":\"/f\",\"poll_interval\":\"fast\"}|apps/x.json: sources.file.poll_interval: not a duration: \"fast\" (examples: 500ms, 30s, 5m, 1h30m, 7d)",
        "{\"path\":\"/f\",\"poll_interval\":\"1ms\"}|apps/x.json: sources.file.poll_interval: must be from 10ms to 1m (default 250ms)",
        "{\"path\":\"/f\",\"stall_after\":\"0s\"}|apps/x.json: sources.file.stall_after: must be longer than 0 (leave it out to never report stalled)",
        "{\"path\":\"/f\",\"max_line\":10}|apps/x.json: sources.file.max_line: must be from 64 bytes to 2MiB (default 1MiB), not 10",
        "{\"path\":\"/f\",\"id_field\":\"id\"}|apps/x.json: sources.file.id_field: only with type_field (publish lines carry event_id and source_time themselves)",
        "{\"path\":\"/f\",\"type_field\":\"a..b\"}|apps/x.json: sources.file.type_field: \"a..b\" is not a field path (write names joined by dots, such as meta.type)",
        "[]|apps/x.json: sources.file must be an object, e.g. {\"path\": \"/var/log/app/events.ndjson\"}",
    })
    void aBadOptionIsOneLineNamingTheFileAndField(String json, String message) {
        ConfigException bad = assertThrows(ConfigException.class, () -> parse(json));
        assertEquals(message, bad.getMessage());
    }
}
