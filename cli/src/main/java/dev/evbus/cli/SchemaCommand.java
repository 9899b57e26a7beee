package dev.evbus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.OutputSchema;
import dev.evbus.protocol.JsonText;
import dev.evbus.schemas.SchemaRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code evbus schema KEY}: the JSON Schema of one line of the key's output. */
@Command(name = "schema", description = "Print the JSON Schema of a key's output lines.")
final class SchemaCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "KEY")
    String key;

    @Option(names = "--json", description = "Print {\"key\",\"kind\",\"schema\"} on one line instead of the bare schema, pretty-printed.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Context context = main.context();
        context.checkKey(key);
        KeyDefinition definition = KeyRegistry.find(key).orElseThrow(() -> UserError.badInput(
                "unknown event key " + JsonText.quote(key) + " (run `evbus list` to see the keys)"));
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
