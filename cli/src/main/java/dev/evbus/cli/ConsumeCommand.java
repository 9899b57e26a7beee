package dev.evbus.cli;

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
import picocli.CommandLine.Model.PositionalParamSpec;

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
        this.spec = CommandSpec.wrapWithoutInspection(this).name("consume");
        spec.usageMessage().description("Subscribe to an event key and print its events as NDJSON on stdout.");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("KEY").type(String.class)
                .description("The event key (see `evbus list`).").build());
        spec.addOption(option("-p", "--param").paramLabel("NAME=VALUE").type(List.class).auxiliaryTypes(String.class)
                .description("A key parameter; repeat for more.").build());
        spec.addOption(option("--jq").paramLabel("EXPR").type(String.class)
                .description("Reshape or filter each output event with a jq expression.").build());
        spec.addOption(option("--quiet").type(boolean.class).arity("0").defaultValue("false")
                .description("Do not print the ready and exited lines.").build());
        spec.addOption(option("--output-dir").paramLabel("DIR").type(Path.class)
                .description("Write one file per event into DIR (relative) instead of stdout.").build());
        spec.addOption(option("--batch").paramLabel("N").type(int.class).defaultValue("0")
                .description("Print output in JSON arrays of up to N events (one file per batch with --output-dir).").build());
        spec.addOption(option("--batch-window").paramLabel("DURATION").type(Duration.class).converters(new DurationParser())
                .description("Close a batch this long after its first event (with or without --batch).").build());
        spec.addOption(option("--max-events").paramLabel("N").type(long.class).defaultValue("0")
                .description("Stop after N output events.").build());
        spec.addOption(option("--timeout").paramLabel("DURATION").type(Duration.class).converters(new DurationParser())
                .description("Stop after this long (500ms, 30s, 5m, 1h).").build());
        spec.addOption(option("--since").paramLabel("DURATION|all|offset:N").type(String.class)
                .description("First deliver the retained events newer than this, then go live.").build());
        spec.addOption(option("--durable").paramLabel("NAME").type(String.class)
                .description("Resume from, and advance, the bus-kept cursor NAME.").build());
        spec.addOption(option("--as").paramLabel("user|bot|auto").type(String.class).defaultValue("auto")
                .description("Identity for the key's API calls (default: auto, the key's first auth type).").build());
        spec.addOption(option("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
    }

    static CommandSpec spec(Main main) {
        return new ConsumeCommand(main).spec;
    }

    private static OptionSpec.Builder option(String... names) {
        return OptionSpec.builder(names);
    }

    private <T> T value(String name) {
        return spec.findOption(name).getValue();
    }

    @Override
    public Integer call() {
        Context context = main.context();
        String key = spec.positionalParameters().get(0).getValue();
        List<String> params = value("--param");
        String jq = value("--jq");
        boolean quiet = value("--quiet");
        Path outputDir = value("--output-dir");
        long maxEvents = value("--max-events");
        Duration timeout = value("--timeout");
        int batch = value("--batch");
        Duration batchWindow = value("--batch-window");
        if (batch < 0) {
            throw UserError.badInput("--batch must be at least 1 (or leave it out)");
        }
        if (batchWindow != null && (batchWindow.isZero() || batchWindow.isNegative())) {
            throw UserError.badInput("--batch-window must be positive");
        }
        String as = value("--as");
        String since = SinceOption.toWire(value("--since"), System.currentTimeMillis());
        String durable = value("--durable");
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
