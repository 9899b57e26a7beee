package dev.evbus.cli;

import dev.evbus.consume.ConsumeOptions;
import dev.evbus.consume.ConsumerSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code evbus consume KEY}: subscribe and print the key's events as NDJSON until stopped. */
@Command(name = "consume", description = "Subscribe to an event key and print its events as NDJSON on stdout.")
final class ConsumeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "KEY", description = "The event key (see `evbus list`).")
    String key;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "A key parameter; repeat for more.")
    List<String> params = List.of();

    @Option(names = "--jq", paramLabel = "EXPR", description = "Reshape or filter each output event with a jq expression.")
    String jq;

    @Option(names = "--quiet", description = "Do not print the ready and exited lines.")
    boolean quiet;

    @Option(names = "--output-dir", paramLabel = "DIR", description = "Write one file per event into DIR (relative) instead of stdout.")
    Path outputDir;

    @Option(names = "--max-events", paramLabel = "N", description = "Stop after N output events.")
    long maxEvents;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationParser.class,
            description = "Stop after this long (500ms, 30s, 5m, 1h).")
    Duration timeout;

    @Option(names = "--as", paramLabel = "user|bot|auto", defaultValue = "auto",
            description = "Identity for the key's API calls (default: auto, the key's first auth type).")
    String as;

    @Override
    public Integer call() {
        Context context = main.context();
        Map<String, String> values = new LinkedHashMap<>();
        for (String param : params) {
            int equals = param.indexOf('=');
            if (equals <= 0) {
                throw UserError.badInput("-p takes NAME=VALUE, not \"" + param + "\"");
            }
            values.put(param.substring(0, equals), param.substring(equals + 1));
        }
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw UserError.badInput("--timeout must be positive");
        }
        context.loadPlugins();
        ConsumeOptions options = new ConsumeOptions(context.home(), context.appId(), context.env(), key, values, jq, quiet,
                outputDir, maxEvents, timeout, as, BusLaunch.command(context.appId()));
        return ConsumerSession.run(options, context.err());
    }
}
