package dev.evbus.cli;

import static dev.evbus.cli.CommandSpecs.command;
import static dev.evbus.cli.CommandSpecs.json;
import static dev.evbus.cli.CommandSpecs.parameter;
import static dev.evbus.cli.CommandSpecs.parameterValue;
import static dev.evbus.cli.CommandSpecs.value;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.OutputSchema;
import dev.evbus.schemas.SchemaRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evbus schema KEY}: the JSON Schema of one line of the key's output. */
final class SchemaCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private SchemaCommand(Main main) {
        this.main = main;
        this.spec = command(this, "schema", "Print the JSON Schema of a key's output lines.");
        spec.addPositional(parameter("KEY"));
        spec.addOption(json("Print {\"key\",\"kind\",\"schema\"} on one line instead of the bare schema, pretty-printed."));
    }

    static CommandSpec spec(Main main) {
        return new SchemaCommand(main).spec;
    }

    @Override
    public Integer call() throws Exception {
        Context context = main.context();
        String key = parameterValue(spec);
        boolean json = value(spec, "--json");
        context.checkKey(key);
        KeyDefinition definition = KeyRegistry.find(key).orElseThrow(() -> context.unknownKey(key));
        OutputSchema schema = definition.schema();
        JsonNode rendered;
        try {
            rendered = SchemaRenderer.render(schema.kind() == OutputSchema.Kind.NATIVE, schema.schema(), schema.overrides());
        } catch (IllegalArgumentException bad) {
            throw UserError.failed("key " + key + " has a broken schema: " + bad.getMessage());
        }
        ObjectMapper mapper = new ObjectMapper();
        if (json) {
            ObjectNode wrapped = JsonNodeFactory.instance.objectNode();
            wrapped.put("key", definition.key());
            wrapped.put("kind", schema.kind().name().toLowerCase(java.util.Locale.ROOT));
            wrapped.set("schema", rendered);
            System.out.println(mapper.writeValueAsString(wrapped));
        } else {
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(rendered));
        }
        return ExitCodes.OK;
    }
}
