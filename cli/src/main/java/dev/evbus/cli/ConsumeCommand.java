package dev.evbus.cli;

import static dev.evbus.cli.CommandSpecs.command;
import static dev.evbus.cli.CommandSpecs.duration;
import static dev.evbus.cli.CommandSpecs.parameter;
import static dev.evbus.cli.CommandSpecs.parameterValue;
import static dev.evbus.cli.CommandSpecs.text;
import static dev.evbus.cli.CommandSpecs.value;

import dev.evbus.consume.ConsumeOptions;
import dev.evbus.consume.ConsumerSession;
import dev.evbus.event.Retention;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.protocol.CursorName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code evbus consume KEY}: subscribe and print the key's events as NDJSON until stopped.
 * Modelled with picocli's programmatic API rather than annotations: every consume is a fresh
 * JVM, and reflecting over annotations (and the proxies the JDK makes for them) costs a consumer
 * tens of milliseconds before it can even say hello.
 */
final class ConsumeCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private ConsumeCommand(Main main) {
        this.main = main;
        this.spec = command(this, "consume", "Subscribe to an event key and print its events as NDJSON on stdout.");
        spec.addPositional(parameter("KEY", "The event key (see `evbus list`)."));
        spec.addOption(OptionSpec.builder("-p", "--param").paramLabel("NAME=VALUE").type(List.class).auxiliaryTypes(String.class)
                .description("A key parameter; repeat for more.").build());
        spec.addOption(text("--jq", "EXPR", "Reshape or filter each output event with a jq expression.").build());
        // arity 0 said explicitly (unlike CommandSpecs.flag): --quiet=true has always been refused
        spec.addOption(OptionSpec.builder("--quiet").type(boolean.class).arity("0").defaultValue("false")
                .description("Do not print the ready and exited lines.").build());
        spec.addOption(OptionSpec.builder("--output-dir").paramLabel("DIR").type(Path.class)
                .description("Write one file per event into DIR (relative) instead of stdout.").build());
        spec.addOption(OptionSpec.builder("--batch").paramLabel("N").type(int.class).defaultValue("0")
                .description("Print output in JSON arrays of up to N events (one file per batch with --output-dir).").build());
        spec.addOption(duration("--batch-window", "Close a batch this long after its first event (with or without --batch)."));
        spec.addOption(OptionSpec.builder("--max-events").paramLabel("N").type(long.class).defaultValue("0")
                .description("Stop after N output events.").build());
        spec.addOption(duration("--timeout", "Stop after this long (500ms, 30s, 5m, 1h)."));
        spec.addOption(text("--since", "DURATION|all|offset:N", "First deliver the retained events newer than this, then go live.").build());
        spec.addOption(text("--durable", "NAME", "Resume from, and advance, the bus-kept cursor NAME.").build());
        spec.addOption(text("--as", "user|bot|auto", "Identity for the key's API calls (default: auto, the key's first auth type).")
                .defaultValue("auto").build());
    }

    static CommandSpec spec(Main main) {
        return new ConsumeCommand(main).spec;
    }

    @Override
    public Integer call() {
        Context context = main.context();
        String key = parameterValue(spec);
        List<String> params = value(spec, "--param");
        String jq = value(spec, "--jq");
        boolean quiet = value(spec, "--quiet");
        Path outputDir = value(spec, "--output-dir");
        long maxEvents = value(spec, "--max-events");
        Duration timeout = value(spec, "--timeout");
        int batch = value(spec, "--batch");
        Duration batchWindow = value(spec, "--batch-window");
        if (batch < 0) {
            throw UserError.badInput("--batch must be at least 1 (or leave it out)");
        }
        if (batchWindow != null && (batchWindow.isZero() || batchWindow.isNegative())) {
            throw UserError.badInput("--batch-window must be positive");
        }
        String as = value(spec, "--as");
        String since = SinceOption.toWire(value(spec, "--since"), System.currentTimeMillis());
        String durable = value(spec, "--durable");
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
        ConsumeOptions options = new ConsumeOptions(context.home(), context.appId(), context.env(), key, values, jq, quiet,
                outputDir, maxEvents, timeout, as, () -> BusLaunch.command(context.home(), context.appId(), retention, context.env()), since, durable,
                batch, batchWindow, files);
        return ConsumerSession.run(options, context.err());
    }
}
