package dev.evbus.cli;

import dev.evbus.config.Home;
import dev.evbus.event.TimeSource;
import dev.evbus.config.UnsafePathException;
import dev.evbus.protocol.ProtocolVersion;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * {@code evbus}: the entry point, the global options, and the one place exceptions become exit
 * codes. Every command is a fresh JVM, so start-up is its latency: an ordinary line of a hot
 * command ({@code consume}, {@code publish}, {@code status}, {@code list}, {@code stop},
 * {@code --version}) is parsed by {@link FastArgs} without building picocli's model; every other
 * line goes to {@link PicocliPath}. Nothing here refers to picocli.
 */
public final class Main {
    static final String DEFAULT_APP = "default";

    /** Every command, in the order the top usage help lists them (see {@link PicocliPath#commandLine}). */
    static final List<String> COMMANDS = List.of("demo", "consume", "publish", "list", "schema", "status", "stop", "cursors",
            "keys", "dlq", "serve", "reload", "_bus", "completion", "man", "help");

    /** {@code --app ID}, inherited by every command (picocli's copy of it gets a setter: see {@link PicocliPath}). */
    static final OptionDef APP = OptionDef.text("--app", "ID",
            "The application whose bus to use (default: $EVBUS_APP, else \"default\").");
    static final List<String> VERSION_OPTION = List.of("-V", "--version");
    static final String VERSION = "evbus " + ProtocolVersion.CURRENT;

    /** Set by {@code --app}, which every subcommand inherits, wherever it stands on the line. */
    String app;

    /**
     * The hot commands, described as data, which {@link FastArgs} parses without picocli's model;
     * null for the others. A switch, so that only the command named is initialised.
     */
    static CommandDef fastCommand(String name) {
        return switch (name) {
            case "consume" -> ConsumeCommand.DEF;
            case "publish" -> PublishCommand.DEF;
            case "list" -> ListCommand.DEF;
            case "status" -> StatusCommand.DEF;
            case "stop" -> StopCommand.DEF;
            default -> null;
        };
    }

    public static void main(String[] args) throws InterruptedException {
        int status = start(args, System.err, false);
        // Not System.exit: since JDK 17 it first asks the system logger whether to log the exit,
        // which starts the JDK's logging framework (service loading, reflection, generated
        // classes): 13 ms at the end of every command on JDK 25. A command has closed everything
        // it opened when run returns, and registers no shutdown hook; what the two print streams
        // still buffer is all that is left to write.
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /**
     * What {@code main} does before it halts, and all that {@link AotTraining} runs per command line:
     * the training must take the very same path, or a class only this path loads (the logging
     * route, say) is missing from the AOT cache and its first use opens the 8 MB jar (8 ms).
     * The training waits for the {@link WarmUp} threads too, which a short command halts before
     * they end: what they load must be in the cache whichever thread finishes first.
     */
    static int start(String[] args, PrintStream err, boolean training) throws InterruptedException {
        LibraryLogging.route("cli");
        Thread sockets = WarmUp.socketsFor(args);
        FastArgs.Line line = FastArgs.parse(args);
        Thread json = WarmUp.jsonFor(line);
        int status = line != null ? run(line, err) : PicocliPath.run(args, err);
        if (training) {
            for (Thread warmUp : new Thread[] {sockets, json}) {
                if (warmUp != null) {
                    warmUp.join();
                }
            }
        }
        return status;
    }

    /** Runs {@code args}: through {@link FastArgs} when it is certain of the line, else through picocli. */
    static int run(String[] args, Map<String, String> env, PrintStream err) {
        FastArgs.Line line = FastArgs.parse(args);
        return line != null ? run(line, err) : PicocliPath.run(args, err);
    }

    /**
     * A line {@link FastArgs} parsed, run as picocli's {@code execute} runs it: the version text
     * picocli prints (exit 0), or the command, whose exception goes to {@link #failure} as
     * picocli's handler sends it there (an {@link Error} is not caught there either).
     */
    static int run(FastArgs.Line line, PrintStream err) {
        if (line.version()) {
            System.out.println(VERSION);
            return ExitCodes.OK;
        }
        Main main = new Main();
        main.app = line.app();
        try {
            return line.command().factory().create(main, line.values()).call();
        } catch (Exception problem) {
            return failure(problem, err);
        }
    }

    /** What a command's exception becomes, on either path: one line on stderr and the exit code. */
    static int failure(Exception problem, PrintStream err) {
        if (problem instanceof UserError user) {
            err.println("evbus: " + user.getMessage());
            return user.exitCode();
        }
        if (problem instanceof UnsafePathException refused) {
            err.println("evbus: " + refused.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        err.println("evbus: " + problem.getClass().getSimpleName() + ": " + problem.getMessage()
                + " (this is a bug; please report it)");
        return ExitCodes.FAILED;
    }

    /** The first argument that is not a global option or its value: the subcommand, if any. */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--app")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return null;
    }

    /** Resolves the shared context of a subcommand. */
    Context context() {
        Map<String, String> env = System.getenv();
        String chosen = app != null ? app : env.getOrDefault("EVBUS_APP", DEFAULT_APP);
        return new Context(env, Home.fromEnvironment(env), checkedAppId(chosen), System.err, TimeSource.system());
    }

    static String checkedAppId(String appId) {
        for (int i = 0; i < appId.length(); i++) { // a loop, not chars(): streams cost every command ~2 ms at start
            char c = appId.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw UserError.badInput("app id must not contain control characters");
            }
        }
        return appId;
    }
}
