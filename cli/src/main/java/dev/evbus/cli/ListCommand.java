package dev.evbus.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.ParamDef;
import dev.evbus.protocol.JsonText;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code evbus list}: the keys this installation knows, built-in, from plugins and from key files, with where each comes from. */
final class ListCommand implements Callable<Integer> {
    static final CommandDef DEF = new CommandDef("list", "List the event keys and their params.", null,
            List.of(OptionDef.json("Print a JSON array instead of text."),
                    OptionDef.flag("--names", "Print only the key names, one a line (for scripts and shell completion)."),
                    OptionDef.text("--params", "KEY", "Print only KEY's param names, one a line.")),
            List.of(), ListCommand::new);

    private final Main main;
    private final OptionValues parsed;

    private ListCommand(Main main, OptionValues parsed) {
        this.main = main;
        this.parsed = parsed;
    }

    @Override
    public Integer call() throws Exception {
        Context context = main.context();
        boolean json = parsed.get("--json");
        String paramsOf = parsed.get("--params");
        context.loadEveryKey();
        PrintStream out = System.out;
        if (paramsOf != null) {
            KeyDefinition key = KeyRegistry.find(paramsOf).orElseThrow(() -> context.unknownKey(paramsOf));
            key.params().forEach(param -> out.println(param.name()));
            return ExitCodes.OK;
        }
        if (parsed.<Boolean>get("--names")) {
            KeyRegistry.all().forEach(key -> out.println(key.key()));
            return ExitCodes.OK;
        }
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
