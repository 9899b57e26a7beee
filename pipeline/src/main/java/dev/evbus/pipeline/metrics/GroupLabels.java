package dev.evbus.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which group an event counts in: the {@code by} option's labels (name → jq expression, in the
 * order written), or by default its bus event type and its {@code source} field, read directly
 * rather than through jq because the default is the common case and runs per event.
 */
final class GroupLabels {
    private final List<String> names;
    /** Empty for the default labels. */
    private final List<JqProgram> programs;

    private GroupLabels(List<String> names, List<JqProgram> programs) {
        this.names = List.copyOf(names);
        this.programs = List.copyOf(programs);
    }

    static GroupLabels read(Options options, StageContext context) {
        if (!options.has("by")) {
            return new GroupLabels(List.of("type", "source"), List.of());
        }
        List<String> names = new ArrayList<>();
        List<JqProgram> programs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> label : options.object("by").properties()) {
            if (!label.getValue().isTextual()) {
                options.problems().add(new Problem(options.pathOf("by") + "/" + label.getKey(),
                        "must be a jq expression such as .source"));
                continue;
            }
            names.add(label.getKey());
            JqProgram.compile(options, "by", label.getValue().asText(), context)
                    .ifPresent(programs::add);
        }
        if (names.isEmpty()) {
            options.problem("by", "must name at least one label, such as {type: .type, source: .source}");
        }
        return new GroupLabels(names, programs);
    }

    List<String> names() {
        return names;
    }

    /** The item's label values; a label whose expression fails or gives nothing is null. */
    List<JsonNode> of(Item item) {
        if (programs.isEmpty()) {
            JsonNode source = item.value() == null ? null : item.value().get("source");
            return List.of(item.envelope() == null ? JsonNodeFactory.instance.nullNode() : TextNode.valueOf(item.envelope().eventType()),
                    source == null ? JsonNodeFactory.instance.nullNode() : source);
        }
        List<JsonNode> values = new ArrayList<>(programs.size());
        for (JqProgram program : programs) {
            JsonNode value;
            try {
                value = program.first(item.value(), item.envelope());
            } catch (StageFailure unlabelled) {
                value = null;
            }
            values.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return values;
    }
}
