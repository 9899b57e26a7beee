package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import dev.evbus.event.TimeSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus serve}: the app's bus in the foreground, with its sources, for systemd units and
 * containers, until SIGTERM or SIGINT (exit 0) or {@code evbus stop}; it never stops for being
 * idle, and every log line goes to stderr as well as to {@code bus.log}.
 *
 * <p>Through {@code bin/evbus} (which sets {@value #PLAN_VARIABLE}) this command only writes the
 * bus's command line, {@link BusLaunch#serveCommand}, for the launcher to exec: the bus then runs
 * with a consumer-started bus's JVM flags (heap cap from retention, C2 only) rather than the CLI's,
 * as the launcher's very process, so a supervisor's signal reaches it and its exit code is serve's.
 * Run by hand without the launcher, it runs the bus in this JVM.
 *
 * <p>A bus a consumer started first is adopted rather than refused ({@link ServeTakeover}): it
 * stops idling out and stops with serve. Exit codes: 0 after a signal or a stop; 1 when none of
 * its configured sources could start, or an adopted bus ended without stopping; 2 for a bad app
 * config (one line naming file and field).
 */
final class ServeCommand implements Callable<Integer> {
    /** Set by bin/evbus for the run that plans the exec; never passed on to the bus. */
    static final String PLAN_VARIABLE = "EVBUS_SERVE_PLAN";
    /** The first field of a plan, so the launcher never execs what {@code --help} printed. */
    static final String PLAN_MARKER = "exec";

    private final Main main;

    private ServeCommand(Main main) {
        this.main = main;
    }

    static CommandSpec spec(Main main) {
        return CommandSpecs.command(new ServeCommand(main), "serve",
                "Run the app's bus in the foreground with its sources until SIGTERM/SIGINT (no idle exit; for systemd"
                        + " and containers).",
                "Logs to stderr as well as bus.log. A bus a consumer started first is adopted: it stops idling out"
                        + " and stops with serve.",
                "The bus runs with the JVM flags of a consumer-started bus; EVBUS_BUS_JAVA_OPTS adds to them.");
    }

    @Override
    public Integer call() {
        Context context = main.context();
        if ("1".equals(context.env().get(PLAN_VARIABLE))) {
            // A bad retention setting is refused here (exit 2), as a consumer refuses it before its fork.
            writePlan(BusLaunch.serveCommand(context.home(), context.appId(), context.retention(), context.env()), System.out);
            return ExitCodes.OK;
        }
        return new ServeTakeover(new BusDaemon.Options(context.home(), context.appId(), BusDaemon.DEFAULT_IDLE_TIMEOUT,
                context.env(), true, PipelineLaunch.forApp(context.appId())), context.err(), TimeSource.system()).run();
    }

    /**
     * The marker and each argument, separated by NULs (no path or flag can hold one); the launcher
     * adds a NUL and the exit status after it.
     */
    static void writePlan(List<String> command, PrintStream out) {
        StringBuilder plan = new StringBuilder(PLAN_MARKER);
        command.forEach(argument -> plan.append('\0').append(argument));
        out.writeBytes(plan.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
