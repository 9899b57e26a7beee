package dev.evbus.cli;

import dev.evbus.consume.ConsumeOptions;
import dev.evbus.consume.ConsumerSession;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.Retention;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.protocol.CursorName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code evbus consume KEY}: subscribe and print the key's events as NDJSON until stopped.
 * Described as data ({@link CommandDef}) rather than with annotations: every consume is a fresh
 * JVM, so an ordinary line is parsed by {@link FastArgs} without picocli's model, and picocli's
 * model (help, errors) is built from the same description.
 */
final class ConsumeCommand implements Callable<Integer> {
    static final CommandDef DEF = new CommandDef("consume", "Subscribe to an event key and print its events as NDJSON on stdout.",
            new ParamDef("KEY", true, "The event key (see `evbus list`)."),
            List.of(OptionDef.texts(List.of("-p", "--param"), "NAME=VALUE", "A key parameter; repeat for more."),
                    OptionDef.text("--jq", "EXPR", "Reshape or filter each output event with a jq expression."),
                    // arity 0 said explicitly (unlike a flag): --quiet=true has always been refused
                    OptionDef.strictFlag("--quiet", "Do not print the ready and exited lines."),
                    OptionDef.path("--output-dir", "DIR", "Write one file per event into DIR (relative) instead of stdout."),
                    OptionDef.integer("--batch", "N", "0",
                            "Print output in JSON arrays of up to N events (one file per batch with --output-dir)."),
                    OptionDef.duration("--batch-window", "Close a batch this long after its first event (with or without --batch)."),
                    OptionDef.longInteger("--max-events", "N", "0", "Stop after N output events."),
                    OptionDef.duration("--timeout", "Stop after this long (500ms, 30s, 5m, 1h)."),
                    OptionDef.text("--since", "DURATION|all|offset:N", "First deliver the retained events newer than this, then go live."),
                    OptionDef.text("--durable", "NAME", "Resume from, and advance, the bus-kept cursor NAME."),
                    OptionDef.text("--as", "user|bot|auto", "Identity for the key's API calls (default: auto, the key's first auth type).")
                            .withDefault("auto")),
            List.of(), ConsumeCommand::new);

    private final Main main;
    private final OptionValues parsed;

    private ConsumeCommand(Main main, OptionValues parsed) {
        this.main = main;
        this.parsed = parsed;
    }

    @Override
    public Integer call() {
        Context context = main.context();
        String key = parsed.parameter();
        List<String> params = parsed.get("--param");
        String jq = parsed.get("--jq");
        boolean quiet = parsed.get("--quiet");
        Path outputDir = parsed.get("--output-dir");
        long maxEvents = parsed.get("--max-events");
        Duration timeout = parsed.get("--timeout");
        int batch = parsed.get("--batch");
        Duration batchWindow = parsed.get("--batch-window");
        if (batch < 0) {
            throw UserError.badInput("--batch must be at least 1 (or leave it out)");
        }
        if (batchWindow != null && (batchWindow.isZero() || batchWindow.isNegative())) {
            throw UserError.badInput("--batch-window must be positive");
        }
        String as = parsed.get("--as");
        String since = SinceOption.toWire(parsed.get("--since"), System.currentTimeMillis());
        String durable = parsed.get("--durable");
        if (durable != null && CursorName.problem(durable) != null) {
            throw UserError.badInput("--durable: " + CursorName.problem(durable));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String param : params == null ? List.<String>of() : params) {
            int equals = param.indexOf('=');
            if (equals <= 0) {
                throw UserError.badInput("-p takes NAME=VALUE, not \"" + param + "\"");
            }
            values.put(param.substring(0, equals), param.substring(equals + 1));
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw UserError.badInput("--timeout must be positive");
        }
        Retention retention = context.retention();
        LoadedFiles files = context.loadKey(key);
        if (KeyRegistry.find(key).isEmpty()) {
            throw context.unknownKey(key);
        }
        ConsumeOptions options = new ConsumeOptions(context.home(), context.appId(), context.env(), key, values, jq, quiet,
                outputDir, maxEvents, timeout, as, () -> BusLaunch.command(context.home(), context.appId(), retention, context.env()), since, durable,
                batch, batchWindow, files);
        return ConsumerSession.run(options, context.err());
    }
}
