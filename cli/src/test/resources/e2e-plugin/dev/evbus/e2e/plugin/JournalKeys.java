package dev.evbus.e2e.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyProvider;
import dev.evbus.event.ParamDef;
import dev.evbus.event.ParamType;
import dev.evbus.event.Params;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The keys the end-to-end tests install as a plugin. Their hooks leave lines in a journal file
 * ({@code <hook> room=<room> pid=<pid>}), so a test sees which process ran which hook, and in what order.
 */
public final class JournalKeys implements KeyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public List<KeyDefinition> keys() {
        return List.of(journal(), solo(), doubler(), lobby(), tripler());
    }

    /**
     * preConsume and cleanup journaled; they last pre_ms and cleanup_ms so a test can act in the
     * middle of them, and cleanup can call the app's API (api_path) to show whose credentials it has.
     */
    private static KeyDefinition journal() {
        return KeyDefinition.builder("journal")
                .displayName("Journal")
                .description("Journals its preConsume and cleanup")
                .eventType("journal.*")
                .param(room())
                .param(file())
                .param(ParamDef.builder("cleanup_ms").type(ParamType.INT).defaultValue("0")
                        .description("how long cleanup takes").build())
                .param(ParamDef.builder("pre_ms").type(ParamType.INT).defaultValue("0")
                        .description("how long preConsume takes, after its journal line").build())
                .param(ParamDef.builder("api_path").defaultValue("")
                        .description("when set, cleanup also calls POST on this path of the app's API").build())
                .nativeSchema(NODES.objectNode())
                .preConsume((api, params) -> {
                    append(params, "pre");
                    Thread.sleep(params.integer("pre_ms"));
                })
                .cleanup((api, params) -> {
                    append(params, "cleanup-start");
                    Thread.sleep(params.integer("cleanup_ms"));
                    if (!params.string("api_path").isEmpty()) {
                        api.call("POST", params.string("api_path"), null);
                    }
                    append(params, "cleanup");
                })
                .build();
    }

    private static KeyDefinition solo() {
        return KeyDefinition.builder("solo")
                .description("Only one consumer at a time")
                .eventType("solo.*")
                .nativeSchema(NODES.objectNode())
                .singleConsumer()
                .build();
    }

    /** Drops events marked skip, then outputs twice the payload's n instead of the envelope. */
    private static KeyDefinition doubler() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties").putObject("doubled").put("type", "integer");
        schema.putArray("required").add("doubled");
        return KeyDefinition.builder("doubler")
                .description("Doubles payload.n")
                .eventType("calc.*")
                .customSchema(schema)
                .match((event, params) -> !event.payload().node().path("skip").asBoolean(false))
                .process((api, event, params) -> {
                    JsonNode payload = event.payload().node();
                    return NODES.objectNode().put("doubled", payload.path("n").asLong() * 2);
                })
                .build();
    }

    /** Outputs three times payload.n, on three worker threads (output order is then not kept). */
    private static KeyDefinition tripler() {
        ObjectNode schema = NODES.objectNode().put("type", "object");
        schema.putObject("properties").putObject("tripled").put("type", "integer");
        return KeyDefinition.builder("tripler")
                .description("Triples payload.n on three workers")
                .eventType("calc.*")
                .workers(3)
                .customSchema(schema)
                .process((api, event, params) ->
                        NODES.objectNode().put("tripled", event.payload().node().path("n").asLong() * 3))
                .build();
    }

    /** Like journal, but the room is case-insensitive: normalize lower-cases it before anything else sees it. */
    private static KeyDefinition lobby() {
        return KeyDefinition.builder("lobby")
                .description("Rooms whose names ignore case")
                .eventType("lobby.*")
                .param(room())
                .param(file())
                .nativeSchema(NODES.objectNode())
                .normalize((api, params) -> params.put("room", params.string("room").toLowerCase(Locale.ROOT)))
                .preConsume((api, params) -> append(params, "pre"))
                .cleanup((api, params) -> append(params, "cleanup"))
                .build();
    }

    private static ParamDef room() {
        return ParamDef.builder("room").subscriptionKey().required().description("the subscription's room").build();
    }

    private static ParamDef file() {
        return ParamDef.builder("file").required().description("the journal file").build();
    }

    private static void append(Params params, String hook) throws IOException {
        String line = hook + " room=" + params.string("room") + " pid=" + ProcessHandle.current().pid() + "\n";
        Files.writeString(Path.of(params.string("file")), line, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }
}
