package dev.evbus.cli;

import dev.evbus.bus.BusDaemon;
import dev.evbus.config.Home;
import dev.evbus.event.TimeSource;
import java.time.Duration;
import java.util.Map;

/**
 * The entry point of a bus started by {@link BusLaunch}: what {@code evbus --app APP _bus} does,
 * without the CLI's parser, its commands and their warm-up. A bus lives long and every class it
 * loads stays resident; through {@link Main} it loaded some 2,700 classes, most of them for
 * commands it never runs. {@code bin/evbus serve} execs it too, with {@link #SERVE} last.
 */
final class BusMain {
    /** The last argument of a bus a consumer starts in the background. */
    static final String BUS = "_bus";
    /** The last argument of {@code evbus serve}'s bus: foreground, no idle exit, logs on stderr too. */
    static final String SERVE = "_serve";

    private BusMain() {
    }

    /** {@code --app APP _bus} or {@code --app APP _serve}, the shapes {@link BusLaunch} writes. */
    public static void main(String[] args) {
        LibraryLogging.route("bus");
        if (args.length != 3 || !args[0].equals("--app") || !(args[2].equals(BUS) || args[2].equals(SERVE))) {
            System.err.println("evbus: the bus is started as --app APP _bus (use `evbus _bus` to run one by hand)");
            halt(ExitCodes.BAD_INPUT);
        }
        Map<String, String> env = System.getenv();
        boolean serve = args[2].equals(SERVE);
        Duration idle = BusDaemon.DEFAULT_IDLE_TIMEOUT;
        String configured = env.get("EVBUS_IDLE_TIMEOUT");
        if (!serve && configured != null && !configured.isBlank()) { // a served bus never idles out
            try {
                idle = DurationParser.parse(configured);
            } catch (IllegalArgumentException bad) {
                System.err.println("evbus: EVBUS_IDLE_TIMEOUT: " + bad.getMessage());
                halt(ExitCodes.BAD_INPUT);
            }
        }
        // The app id was checked by the command that launched this bus.
        BusDaemon.Options options = new BusDaemon.Options(Home.fromEnvironment(env), args[1], idle, env, serve,
                PipelineLaunch.forApp(args[1]));
        halt(serve ? new ServeTakeover(options, System.err, TimeSource.system()).run() : BusDaemon.run(options, System.err));
    }

    /**
     * Ends the bus once it has closed everything it opened. Not {@code System.exit}, for the reason
     * {@link Main#main} gives: it starts the JDK's logging framework to ask whether to log the exit,
     * which in a bus (C2 alone, so interpreted this late) took 45 ms between the bus's "stopped"
     * and its exit, time `evbus stop` waits. The bus registers no shutdown hook; its log goes to
     * the two print streams, flushed here.
     */
    private static void halt(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }
}
