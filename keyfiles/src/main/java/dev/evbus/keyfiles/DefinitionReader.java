package dev.evbus.keyfiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.EventTypePattern;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyDefinitionException;
import dev.evbus.event.ParamDef;
import dev.evbus.event.pipeline.Pipeline;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.jq.JqLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a key file's tree into a {@link KeyDefinition}, collecting every problem (as JSON
 * Pointers) instead of stopping at the first. The stages are compiled once here, against the
 * params' defaults, so an unknown stage, a bad jq expression or a missing table is found before
 * any consumer runs the key.
 */
final class DefinitionReader {
    static final List<String> FIELDS = List.of("key", "display_name", "description", "event_types", "event_type",
            "params", "schema", "buffer_size", "workers", "single_consumer", "auth_types", "scopes", "pre_consume",
            "cleanup", "stages", "limits");
    /** Where the builder's own refusals (its field names) land in the file. */
    private static final Map<String, String> BUILDER_FIELDS = Map.of("key", "/key", "event_type", "/event_types",
            "auth_types", "/auth_types", "workers", "/workers", "schema", "/schema");

    private final StageLibrary library;
    private final LoadedFiles files;

    /** @param library the stages to compile against; null only parses the stage list (no option checked, no file opened) */
    DefinitionReader(StageLibrary library, LoadedFiles files) {
        this.library = library;
        this.files = files;
    }

    /** The key with its stage count, or null when {@code problems} gained any. */
    KeyFile.Loaded read(JsonNode root, Path origin, List<Problem> problems) {
        if (!root.isObject()) {
            problems.add(new Problem("", "a key file holds one object with key, event_types and stages, not "
                    + (root.isMissingNode() ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT))));
            return null;
        }
        Fields fields = new Fields((ObjectNode) root, "", problems);
        fields.rejectUnknown(FIELDS);
        String key = fields.requiredText("key", "the key's name, such as log.alerts");
        KeyDefinition.Builder builder = KeyDefinition.builder(key).origin(origin.toString());
        fields.text("display_name").ifPresent(builder::displayName);
        fields.text("description").ifPresent(builder::description);
        eventTypes(fields, builder);
        List<ParamDef> params = ParamsReader.read(root.get("params"), problems);
        params.forEach(builder::param);
        fields.object("schema").ifPresentOrElse(schema -> builder.customSchema(schema.node()),
                () -> builder.customSchema(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()));
        fields.integer("buffer_size", 1, KeyDefinition.MAX_BUFFER_SIZE).ifPresent(builder::bufferSize);
        fields.integer("workers", 1, 1024).ifPresent(builder::workers);
        if (fields.bool("single_consumer")) {
            builder.singleConsumer();
        }
        builder.authTypes(fields.strings("auth_types").toArray(String[]::new));
        builder.scopes(fields.strings("scopes").toArray(String[]::new));

        ObjectNode limits = limits(root.get("limits"), problems);
        var context = CheckContext.of(key, params, origin.getParent(), files,
                JqLimits.read(new Options(limits, "/limits", JsonNodeFactory.instance.objectNode(), problems)));
        ApiCall.read(fields, "pre_consume", params, context.paramsJson()).ifPresent(builder::preConsume);
        ApiCall.read(fields, "cleanup", params, context.paramsJson()).ifPresent(builder::cleanup);
        List<StageSpec> stages = root.has("stages") ? PipelineCompiler.entries(root.get("stages"), "/stages", problems) : List.of();
        if (library != null) {
            new PipelineCompiler(library).compile(stages, "/stages", context, problems);
        }
        builder.pipeline(Pipeline.of(stages, limits));
        if (!problems.isEmpty()) {
            return null;
        }
        try {
            return new KeyFile.Loaded(origin, builder.build(), stages.size());
        } catch (KeyDefinitionException refused) {
            String prefix = refused.field() + ": ";
            String message = refused.getMessage().substring(refused.getMessage().indexOf(prefix) + prefix.length());
            problems.add(new Problem(BUILDER_FIELDS.getOrDefault(refused.field(), ""), message));
            return null;
        }
    }

    /** The key's {@code limits} object, empty when absent or not an object (a problem then). */
    private static ObjectNode limits(JsonNode node, List<Problem> problems) {
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!node.isObject()) {
            problems.add(new Problem("/limits", "must be an object such as {stage_time: 1s, stage_output: 1MiB}"));
            return JsonNodeFactory.instance.objectNode();
        }
        return (ObjectNode) node;
    }

    /**
     * {@code event_types} (the first inclusion is the key's event type; several are all routed, and
     * {@code !pattern} excludes) or {@code event_type}.
     */
    private static void eventTypes(Fields fields, KeyDefinition.Builder builder) {
        if (fields.node().has("event_types") && fields.node().has("event_type")) {
            fields.problem("event_type", "give event_types or event_type, not both");
            return;
        }
        String field = fields.node().has("event_type") ? "event_type" : "event_types";
        List<String> types = fields.strings(field);
        if (types.isEmpty() && fields.problems().stream().noneMatch(p -> p.path().startsWith(fields.at(field)))) {
            fields.problem(field, "is required (a list of event types: exact, prefix.* or *, such as [log.line])");
            return;
        }
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String problem = EventTypePattern.problem(types.get(i));
            if (problem != null) {
                String at = field.equals("event_type") ? fields.at(field) : fields.at(field) + "/" + i;
                fields.problems().add(new Problem(at, problem + ", not \"" + types.get(i) + "\""));
            } else {
                checked.add(types.get(i));
            }
        }
        if (checked.isEmpty() || checked.size() < types.size()) {
            return;
        }
        String listProblem = EventTypePattern.listProblem(checked);
        if (listProblem != null) {
            fields.problem(field, listProblem);
            return;
        }
        List<String> routed = List.copyOf(checked);
        builder.eventType(routed.stream().filter(type -> !EventTypePattern.isExclusion(type)).findFirst().orElseThrow());
        if (routed.size() > 1) {
            builder.routeTypes(params -> routed);
        }
    }
}
