package dev.evbus.cli;

import static dev.evbus.cli.CommandSpecs.command;
import static dev.evbus.cli.CommandSpecs.json;
import static dev.evbus.cli.CommandSpecs.value;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.ParamDef;
import dev.evbus.protocol.JsonText;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evbus list}: the keys this installation knows, built-in, from plugins and from key files, with where each comes from. */
final class ListCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private ListCommand(Main main) {
        this.main = main;
        this.spec = command(this, "list", "List the event keys and their params.");
        spec.addOption(json("Print a JSON array instead of text."));
    }

    static CommandSpec spec(Main main) {
        return new ListCommand(main).spec;
    }

    @Override
    public Integer call() throws Exception {
        Context context = main.context();
        boolean json = value(spec, "--json");
        context.loadEveryKey();
        PrintStream out = System.out;
        if (json) {
            ArrayNode keys = JsonNodeFactory.instance.arrayNode();
            KeyRegistry.all().forEach(key -> keys.add(KeyDescriptions.describe(key)));
            out.println(JsonText.write(keys));
            return ExitCodes.OK;
        }
        for (KeyDefinition key : KeyRegistry.all()) {
            out.println(key.key() + "  " + key.displayName() + (key.description().isEmpty() ? "" : " — " + key.description()));
            out.println("    event type: " + key.eventType() + (key.singleConsumer() ? "  (single consumer)" : ""));
            out.println("    from: " + key.origin());
            for (ParamDef param : key.params()) {
                StringBuilder line = new StringBuilder("    -p ").append(param.name()).append('=')
                        .append(param.type().wireName());
                if (param.required()) {
                    line.append(" (required)");
                }
                if (param.defaultValue() != null) {
                    line.append(" (default ").append(param.defaultValue()).append(')');
                }
                if (param.subscriptionKey()) {
                    line.append(" (subscription key)");
                }
                line.append("  ").append(param.description());
                out.println(line);
                param.values().forEach(v -> out.println("        " + v.value() + "  " + v.description()));
            }
        }
        return ExitCodes.OK;
    }
}
