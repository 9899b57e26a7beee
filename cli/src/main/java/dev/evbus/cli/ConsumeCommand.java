package dev.evbus.cli;

import dev.evbus.consume.ConsumeOptions;
import dev.evbus.consume.ConsumerSession;
import dev.evbus.consume.DryRun;
import dev.evbus.consume.DryRunReport;
import dev.evbus.consume.Precondition;
import dev.evbus.consume.UntilBound;
import dev.evbus.event.KeyRegistry;
import dev.evbus.config.Retention;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.protocol.CursorName;
import dev.evbus.protocol.JsonText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

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
                    OptionDef.flag(List.of("-r", "--raw-output"),
                            "Write an output that is a JSON string as its text, without quotes (as jq -r)."),
                    // arity 0 said explicitly (unlike a flag): --quiet=true has always been refused
                    OptionDef.strictFlag("--quiet", "Do not print the ready and exited lines."),
                    OptionDef.path("--output-dir", "DIR", "Write one file per event into DIR (relative) instead of stdout."),
                    OptionDef.integer("--batch", "N", "0",
                            "Print output in JSON arrays of up to N events (one file per batch with --output-dir)."),
                    OptionDef.duration("--batch-window", "Close a batch this long after its first event (with or without --batch)."),
                    OptionDef.longInteger("--max-events", "N", "0", "Stop after N output events."),
                    OptionDef.duration("--timeout", "Stop after this long (500ms, 30s, 5m, 1h)."),
                    OptionDef.text("--since", "DURATION|TIME|all|offset:N",
                            "First deliver the retained events newer than this (TIME: RFC 3339), then go live."),
                    OptionDef.text("--until", "DURATION|TIME|offset:N",
                            "Stop at the first event past this, or at the live edge once it has passed."),
                    OptionDef.text("--durable", "NAME", "Resume from, and advance, the bus-kept cursor NAME."),
                    OptionDef.text("--as", "user|bot|auto", "Identity for the key's API calls (default: auto, the key's first auth type).")
                            .withDefault("auto"),
                    OptionDef.flag("--dry-run", "Check every precondition and say what a run would read and write, without"
                            + " starting or writing anything; exit 0 when ready, 2 when blocked."),
                    OptionDef.json("With --dry-run: print the report as one JSON object.")),
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
        boolean rawOutput = parsed.get("--raw-output");
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
        boolean dryRun = parsed.get("--dry-run");
        if (parsed.<Boolean>get("--json") && !dryRun) {
            throw UserError.badInput("--json goes with --dry-run (a consume's events are printed as NDJSON already)");
        }
        if (rawOutput && (outputDir != null || batch > 0 || batchWindow != null)) {
            // a raw string is a line of text, not a JSON document: it fits neither an array nor a .json file
            throw UserError.badInput("--raw-output writes text lines to stdout; it cannot be combined with --batch,"
                    + " --batch-window or --output-dir");
        }
        long now = context.clock().millis();
        List<Precondition> earlier = new ArrayList<>();
        String since = dryRun ? checked("since", earlier, () -> SinceOption.toWire(parsed.get("--since"), now),
                wire -> wire == null ? "live events only" : parsed.<String>get("--since"))
                : SinceOption.toWire(parsed.get("--since"), now);
        UntilBound until = dryRun ? checked("until", earlier, () -> UntilOption.parse(parsed.get("--until"), now),
                bound -> bound == null ? "no end: runs until stopped" : parsed.<String>get("--until"))
                : UntilOption.parse(parsed.get("--until"), now);
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
        Retention retention = dryRun ? checked("config", earlier, context::retention, loaded -> "app " + JsonText.quote(context.appId())
                + (Files.exists(context.home().appConfig(context.appId())) ? ", " + context.home().appConfig(context.appId()) : ", defaults"))
                : context.retention();
        LoadedFiles files = dryRun ? context.checkKey(key) : context.loadKey(key);
        if (!dryRun && KeyRegistry.find(key).isEmpty()) {
            throw context.unknownKey(key); // the dry run reports it as a precondition
        }
        ConsumeOptions options = new ConsumeOptions(context.home(), context.appId(), context.env(), key, values, jq, rawOutput, quiet,
                outputDir, maxEvents, timeout, as, () -> BusLaunch.command(context.home(), context.appId(), retention, context.env()), since, until, durable,
                batch, batchWindow, files);
        if (dryRun) {
            DryRunReport report = DryRun.check(options, earlier, context.err(), context.clock());
            System.out.print(parsed.<Boolean>get("--json") ? report.json() + "\n" : report.text());
            return report.ready() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
        }
        return ConsumerSession.run(options, context.err());
    }

    /** A command-line check for the dry run: its value, or null once it is recorded as blocked. */
    private static <T> T checked(String name, List<Precondition> into, Supplier<T> check, Function<T, String> detail) {
        try {
            T value = check.get();
            into.add(Precondition.ok(name, detail.apply(value)));
            return value;
        } catch (UserError refused) {
            into.add(Precondition.blocked(name, refused.getMessage()));
            return null;
        }
    }
}
