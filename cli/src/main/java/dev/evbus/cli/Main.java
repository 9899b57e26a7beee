package dev.evbus.cli;

import dev.evbus.event.Home;
import dev.evbus.protocol.FrameCodec;
import dev.evbus.protocol.ProtocolVersion;
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
 * codes. The top command and {@code consume} are modelled with picocli's programmatic API, the
 * others with annotations: the programmatic model skips the reflection that would otherwise cost
 * every consumer's start-up tens of milliseconds, and only consume is on that path.
 */
public final class Main implements Callable<Integer> {
    static final String DEFAULT_APP = "default";

    /**
     * The subcommands, registered lazily: picocli builds a command's model by reflection, and
     * every consume is a fresh JVM, so only the command being run is modelled unless help needs all.
     */
    private static final Map<String, Function<Main, Object>> COMMANDS = commands();
    private static final java.util.Set<String> TALKS_TO_A_BUS = java.util.Set.of("consume", "publish", "status", "stop", "_bus");

    private static Map<String, Function<Main, Object>> commands() {
        Map<String, Function<Main, Object>> commands = new LinkedHashMap<>();
        commands.put("consume", ConsumeCommand::spec);
        commands.put("publish", main -> new PublishCommand());
        commands.put("list", main -> new ListCommand());
        commands.put("schema", main -> new SchemaCommand());
        commands.put("status", main -> new StatusCommand());
        commands.put("stop", main -> new StopCommand());
        commands.put("cursors", main -> new CursorsCommand());
        commands.put("keys", main -> new KeysCommand());
        commands.put("dlq", main -> new DlqCommand());
        commands.put("serve", main -> new ServeCommand());
        commands.put("_bus", main -> new BusCommand());
        commands.put("help", main -> new CommandLine.HelpCommand());
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
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
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

    /** Gives every (sub)command {@code -h, --help}, as the top command and {@code consume} have, unless it has its own. */
    private static void addHelpOption(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        boolean hasHelp = spec.options().stream().anyMatch(OptionSpec::usageHelp);
        if (!hasHelp && !(command.getCommand() instanceof CommandLine.HelpCommand)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build());
        }
        command.getSubcommands().values().forEach(Main::addHelpOption);
    }

    /** {@code evbus} with no command: say what is missing, as picocli says for bad input. */
    @Override
    public Integer call() {
        System.err.println("evbus: missing command (see `evbus --help`)");
        return ExitCodes.BAD_INPUT;
    }

    public static void main(String[] args) {
        if (TALKS_TO_A_BUS.contains(String.valueOf(subcommandName(args)))) {
            // Every consume is a fresh JVM: the wire codec's first-use work runs on the second
            // core while this thread parses the command line.
            Thread.ofPlatform().daemon().name("evbus-warm-up").start(FrameCodec::warmUp);
        }
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream err) {
        Main main = new Main();
        CommandLine cli = new CommandLine(main.spec());
        String invoked = subcommandName(args);
        if (invoked != null && COMMANDS.containsKey(invoked) && !invoked.equals("help")) {
            cli.addSubcommand(invoked, COMMANDS.get(invoked).apply(main));
        } else {
            COMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.apply(main)));
        }
        cli.getSubcommands().values().forEach(Main::addHelpOption);
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
