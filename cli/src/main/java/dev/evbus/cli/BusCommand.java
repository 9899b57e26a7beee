package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evbus _bus}: the daemon itself, started in the background by the first consumer. */
final class BusCommand implements Callable<Integer> {
    private final Main main;

    private BusCommand(Main main) {
        this.main = main;
    }

    static CommandSpec spec(Main main) {
        CommandSpec spec = CommandSpecs.command(new BusCommand(main), "_bus", "Run the app's bus in the foreground.");
        spec.usageMessage().hidden(true); // started by consumers, not by hand: not in `evbus --help`
        return spec;
    }

    @Override
    public Integer call() {
        Context context = main.context();
        Duration idle = BusDaemon.DEFAULT_IDLE_TIMEOUT;
        String configured = context.env().get("EVBUS_IDLE_TIMEOUT");
        if (configured != null && !configured.isBlank()) {
            try {
                idle = DurationParser.parse(configured);
            } catch (IllegalArgumentException bad) {
                throw UserError.badInput("EVBUS_IDLE_TIMEOUT: " + bad.getMessage());
            }
        }
        return BusDaemon.run(new BusDaemon.Options(context.home(), context.appId(), idle, context.env(), false,
                PipelineLaunch.forApp(context.appId())), context.err());
    }
}
