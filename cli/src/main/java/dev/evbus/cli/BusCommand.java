package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code evbus _bus}: the daemon itself, started in the background by the first consumer. */
@Command(name = "_bus", hidden = true, description = "Run the app's bus in the foreground.")
final class BusCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

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
        return BusDaemon.run(new BusDaemon.Options(context.home(), context.appId(), idle, context.env()), context.err());
    }
}
