package dev.evbus.cli;

import dev.evbus.event.Home;
import dev.evbus.protocol.ProtocolVersion;
import dev.evbus.transport.UnixSockets;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@code evbus}: the entry point, the global options, and the one place exceptions become exit
 * codes. Every command is modelled with picocli's programmatic API (see {@link CommandSpecs}),
 * none with annotations: every command is a fresh JVM, and the annotation model's reflection
 * and annotation proxies would cost each tens of milliseconds before it does anything.
 */
public final class Main implements Callable<Integer> {
    static final String DEFAULT_APP = "default";

    /**
     * The subcommands, registered lazily: every command is a fresh JVM, so only the command being
     * run is modelled, none for {@code --version}, and all only when the top usage help lists them.
     */
    private static final Map<String, Function<Main, CommandSpec>> COMMANDS = commands();
    private static final java.util.Set<String> TALKS_TO_A_BUS = java.util.Set.of("consume", "publish", "status", "stop", "_bus");

    private static Map<String, Function<Main, CommandSpec>> commands() {
        Map<String, Function<Main, CommandSpec>> commands = new LinkedHashMap<>();
        commands.put("consume", ConsumeCommand::spec);
        commands.put("publish", PublishCommand::spec);
        commands.put("list", ListCommand::spec);
        commands.put("schema", SchemaCommand::spec);
        commands.put("status", StatusCommand::spec);
        commands.put("stop", StopCommand::spec);
        commands.put("cursors", CursorsCommand::spec);
        commands.put("keys", main -> KeysCommand.spec());
        commands.put("dlq", DlqCommand::spec);
        commands.put("serve", ServeCommand::spec);
        commands.put("_bus", BusCommand::spec);
        commands.put("help", main -> HelpCommand.spec());
        return java.util.Collections.unmodifiableMap(commands);
    }

    /** Set by {@code --app}, which every subcommand inherits, wherever it stands on the line. */
    String app;

    private CommandSpec spec() {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(this).name("evbus").version("evbus " + ProtocolVersion.CURRENT);
        spec.usageMessage().description("A per-application local event bus: subscribe to named event keys, publish events.");
        spec.addOption(OptionSpec.builder("--app").paramLabel("ID").type(String.class).scopeType(ScopeType.INHERIT)
                .setter(new AppSetter())
                .description("The application whose bus to use (default: $EVBUS_APP, else \"default\").").build());
        spec.addOption(CommandSpecs.help());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true).description("Print version information and exit.").build());
        return spec;
    }

    /** Binds the inherited option to {@link #app}, so each subcommand's copy of it lands in the same place. */
    private final class AppSetter implements ISetter {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = (T) app;
            app = (String) value;
            return previous;
        }
    }

    /** {@code evbus} with no command: say what is missing, as picocli says for bad input. */
    @Override
    public Integer call() {
        System.err.println("evbus: missing command (see `evbus --help`)");
        return ExitCodes.BAD_INPUT;
    }

    public static void main(String[] args) {
        warmUpFor(args);
        System.exit(run(args, System.getenv(), System.err));
    }

    /**
     * Every consume is a fresh JVM: for a command that talks to a bus, the JDK's Unix-domain
     * socket set-up (12 ms, its SecureRandom) runs on the second core while this thread parses
     * the command line.
     */
    static void warmUpFor(String[] args) {
        if (TALKS_TO_A_BUS.contains(String.valueOf(subcommandName(args)))) {
            Thread.ofPlatform().daemon().name("evbus-warm-up").start(UnixSockets::warmUp);
        }
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        CommandLine cli = commandLine(new Main(), args);
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

    /**
     * The command line for {@code args}, with only the subcommands it needs modelled: the one
     * invoked; all of them for {@code help}, for the top command's usage help (which lists them)
     * and for a word that names no command (picocli's error may suggest one); none otherwise, as
     * for {@code --version} or a bare {@code evbus}, which only print a line.
     */
    static CommandLine commandLine(Main main, String[] args) {
        CommandLine cli = new CommandLine(main.spec());
        String invoked = subcommandName(args);
        if (invoked != null && COMMANDS.containsKey(invoked) && !invoked.equals("help")) {
            cli.addSubcommand(invoked, COMMANDS.get(invoked).apply(main));
        } else if (invoked != null || asksForUsage(args)) {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.apply(main)));
        }
        return cli;
    }

    /**
     * Whether a global option asks for the usage help: {@code --help}, or {@code -h} alone or in a
     * cluster such as {@code -Vh}. Erring towards yes only costs time, so any short cluster with an h counts.
     */
    private static boolean asksForUsage(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--app")) {
                i++;
            } else if (arg.startsWith("--help") || (arg.startsWith("-") && !arg.startsWith("--") && arg.indexOf('h') > 0)) {
                return true;
            }
        }
        return false;
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
