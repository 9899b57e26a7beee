package dev.evbus.sources.file;

import dev.evbus.sources.SourceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A followed file in a temporary directory, a recording bus, a hand-moved clock and what the source said. */
final class Fixture {
    final Path dir;
    final Path file;
    final Path positionFile;
    final RecordingIngest ingest = new RecordingIngest();
    final ManualClock clock = new ManualClock();
    final List<SourceState> states = Collections.synchronizedList(new ArrayList<>());
    final List<String> details = Collections.synchronizedList(new ArrayList<>());
    final List<String> log = Collections.synchronizedList(new ArrayList<>());

    Fixture(Path dir) {
        this.dir = dir;
        this.file = dir.resolve("events.ndjson");
        this.positionFile = FileSource.positionFileIn(dir.resolve("app"));
    }

    FileSourceConfig config() {
        return FileSourceConfig.of(file);
    }

    FileSourceConfig fromBeginning() {
        FileSourceConfig c = config();
        return new FileSourceConfig(c.path(), null, null, null, FileSourceConfig.StartAt.BEGINNING, c.pollInterval(),
                null, c.maxLine());
    }

    FileSource source(FileSourceConfig config) {
        return new FileSource(config, positionFile, ingest, (name, state, detail) -> {
            states.add(state);
            details.add(detail);
        }, log::add, clock);
    }

    /** A publish line whose payload is {@code {"n":n}} and whose id is {@code "e<n>"}. */
    static String event(int n) {
        return "{\"event_type\":\"t\",\"event_id\":\"e" + n + "\",\"payload\":{\"n\":" + n + "}}\n";
    }

    static String payload(int n) {
        return "{\"n\":" + n + "}";
    }

    void append(String text) throws IOException {
        append(file, text);
    }

    static void append(Path path, String text) throws IOException {
        Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void appendEvents(int from, int to) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (int n = from; n <= to; n++) {
            lines.append(event(n));
        }
        append(lines.toString());
    }

    List<String> payloads(int from, int to) {
        List<String> expected = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            expected.add(payload(n));
        }
        return expected;
    }

    static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }
}
