package dev.evbus.cli;

import dev.evbus.event.Home;
import dev.evbus.protocol.ProtocolVersion;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code evbus}: the entry point, the global options, and the one place exceptions become exit codes. */
@Command(name = "evbus", mixinStandardHelpOptions = true, version = "evbus " + ProtocolVersion.CURRENT,
        description = "A per-application local event bus: subscribe to named event keys, publish events.")
public final class Main {
    static final String DEFAULT_APP = "default";

    /**
     * The subcommands, registered lazily: picocli builds a command's model by reflection, and
     * every consume is a fresh JVM, so only the command being run is modelled unless help needs all.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("consume", ConsumeCommand::new);
        commands.put("publish", PublishCommand::new);
        commands.put("list", ListCommand::new);
        commands.put("schema", SchemaCommand::new);
        commands.put("status", StatusCommand::new);
        commands.put("stop", StopCommand::new);
        commands.put("_bus", BusCommand::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return java.util.Collections.unmodifiableMap(commands);
    }

    @Option(names = "--app", scope = ScopeType.INHERIT, paramLabel = "ID",
            description = "The application whose bus to use (default: $EVBUS_APP, else \"default\").")
    String app;

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        String invoked = subcommandName(args);
        if (invoked != null && COMMANDS.containsKey(invoked) && !invoked.equals("help")) {
            cli.addSubcommand(invoked, COMMANDS.get(invoked).get());
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((problem, arguments) -> {
            String command = problem.getCommandLine().getCommandName();
            err.println("evbus: " + problem.getMessage() + " (see `" + (command.equals("evbus") ? "evbus" : "evbus " + command)
                    + " --help`)");
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((problem, commandLine, parsed) -> {
            if (problem instanceof UserError user) {
                err.println("evbus: " + user.getMessage());
                return user.exitCode();
            }
            err.println("evbus: " + problem.getClass().getSimpleName() + ": " + problem.getMessage()
                    + " (this is a bug; please report it)");
            return ExitCodes.FAILED;
        });
        return cli.execute(args);
    }

    /** The first argument that is not a global option or its value: the subcommand, if any. */
    private static String subcommandName(String[] args) {
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
        return new Context(env, Home.fromEnvironment(env), checkedAppId(chosen), System.err);
    }

    static String checkedAppId(String appId) {
        if (appId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw UserError.badInput("app id must not contain control characters");
        }
        return appId;
    }
}
