package dev.evbus.pipeline.effect;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.PrivatePaths;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PrivateFiles;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The {@code dir} sink: each item as one 0600 JSON file (the value and a newline) in a directory
 * created 0700 on first use. Names are {@code <millis>-<pid>-<counter>.json}, unique across
 * processes, and each file appears whole, by rename.
 */
final class DirectorySink implements Stage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final InstantSource clock;

    private DirectorySink(Path dir, InstantSource clock) {
        this.dir = dir;
        this.clock = clock;
    }

    static DirectorySink create(Options options, StageContext context) {
        String text = options.requiredString("path");
        if (text.isEmpty() || options.unresolved("path")) {
            return new DirectorySink(Path.of(""), context.clock());
        }
        Path dir = options.file("path", text, context.baseDir());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            options.problem("path", dir + " exists and is not a directory");
        }
        return new DirectorySink(dir, context.clock());
    }

    /** What this sink does, for a rehearsal. */
    String intent() {
        return "would write a file in " + dir;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        try {
            // Every time, not once: a directory removed while the consumer runs comes back.
            PrivatePaths.createDirectories(dir);
            byte[] json = JSON.writeValueAsBytes(item.value());
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            PrivateFiles.write(dir, PrivateFiles.uniqueName(clock.millis(), ".json"), line, false);
        } catch (IOException failed) {
            throw new StageFailure("cannot write to " + dir + ": " + failed);
        }
    }
}
