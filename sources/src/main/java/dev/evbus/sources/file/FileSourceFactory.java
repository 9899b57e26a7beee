package dev.evbus.sources.file;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.config.ConfigException;
import dev.evbus.sources.Source;
import dev.evbus.sources.SourceFactory;
import java.nio.file.Path;

/**
 * The {@code file} kind: reads {@code sources.file} before the bus listens (a relative path is
 * taken from the home that holds {@code apps/<app>.json}) and builds the follower, whose position
 * lives in the app's directory.
 */
public final class FileSourceFactory implements SourceFactory {
    @Override
    public Plan plan(JsonNode section, String field, Path file) throws ConfigException {
        Path home = file.toAbsolutePath().getParent().getParent();
        FileSourceConfig config = FileSourceConfig.from(file, section, home);
        return context -> (Source) new FileSource(config, FileSource.positionFileIn(context.paths().dir()),
                context.ingest(), context.listener(), context.warnings());
    }
}
