package dev.evbus.bus.served;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One pipeline the app's bus runs itself, from {@code pipelines} in the app's config:
 * {@code {"name": "recipe", "key": "events.processed", "params": {"webhook": "http://…"}}}. Its
 * durable cursor is {@link #cursor()}, so a restarted bus resumes it after its last completed event.
 */
public record PipelineSpec(String name, String key, Map<String, String> params) {
    /** Names are plain, so the cursor named after one is a valid cursor name and log lines need no quoting. */
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    /** Cursors of served pipelines are named {@code pipeline.<name>}. */
    static final String CURSOR_PREFIX = "pipeline.";

    public PipelineSpec {
        params = Map.copyOf(new TreeMap<>(params));
    }

    public String cursor() {
        return CURSOR_PREFIX + name;
    }

    /** What follows {@code evbus consume}: the key, the cursor, every param. */
    List<String> consumeArguments() {
        List<String> arguments = new java.util.ArrayList<>(List.of(key, "--durable", cursor(), "--since", "all", "--quiet"));
        new TreeMap<>(params).forEach((name, value) -> {
            arguments.add("-p");
            arguments.add(name + "=" + value);
        });
        return arguments;
    }
}
