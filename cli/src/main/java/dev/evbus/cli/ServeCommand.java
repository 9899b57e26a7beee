package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code evbus serve}: the app's bus in the foreground, with its sources, for systemd units and
 * containers. It runs in this JVM (a child JVM would cost a second heap and signal forwarding)
 * until SIGTERM or SIGINT (exit 0) or {@code evbus stop}; it never stops for being idle, and
 * every log line goes to stderr as well as to {@code bus.log}.
 *
 * <p>Exit codes: 0 after a signal or a stop; 1 when a bus for the app is already running (its
 * pid named: a supervisor must see a failure, not a service that ended) or none of its
 * configured sources could start; 2 for a bad app config (one line naming file and field).
 */
@Command(name = "serve", description = {
        "Run the app's bus in the foreground with its sources until SIGTERM/SIGINT (no idle exit; for systemd"
                + " and containers).",
        "Logs to stderr as well as bus.log. Exits 1 when a bus for the app is already running."})
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        Context context = main.context();
        return BusDaemon.run(new BusDaemon.Options(context.home(), context.appId(), BusDaemon.DEFAULT_IDLE_TIMEOUT,
                context.env(), true), context.err());
    }
}
