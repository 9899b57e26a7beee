package dev.evbus.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * Every line {@link FastArgs} leaves, parsed and run by picocli: help, errors, the commands that
 * have no fast path, and unusual lines of those that do. Every command is modelled with picocli's
 * programmatic API (see {@link CommandSpecs}), none with annotations: every command is a fresh
 * JVM, and the annotation model's reflection and annotation proxies would cost each tens of
 * milliseconds before it does anything. Nothing else in the fast path refers to picocli, so a
 * line it answers loads none of picocli's classes.
 */
final class PicocliPath {
    /** The commands that describe every other one, so need them all modelled. */
    private static final Set<String> DESCRIBES_ALL = Set.of("help", "completion", "man");

    private PicocliPath() {
    }

    static int run(String[] args, PrintStream err) {
        CommandLine cli = commandLine(new Main(), args);
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((problem, arguments) -> {
            err.println("evbus: " + UnknownCommand.describe(problem));
            return ExitCodes.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((problem, commandLine, parsed) -> Main.failure(problem, err));
        return cli.execute(args);
    }

    /**
     * The command line for {@code args}, with only the subcommands it needs modelled: every command
     * is a fresh JVM, so modelling one that will not run is start-up time lost. The one invoked;
     * all of them for {@code help}, {@code completion} and {@code man} (which describe them all),
     * for the top command's usage help (which lists them) and for a word that names no command
     * (the error suggests one); none otherwise, as for a bare {@code evbus}, which prints a
     * short usage of its own.
     */
    static CommandLine commandLine(Main main, String[] args) {
        CommandLine cli = new CommandLine(top(main));
        String invoked = Main.subcommandName(args);
        if (invoked != null && Main.COMMANDS.contains(invoked) && !DESCRIBES_ALL.contains(invoked)) {
            cli.addSubcommand(invoked, command(invoked, main));
        } else if (invoked != null || asksForUsage(args)) {
            Main.COMMANDS.forEach(name -> cli.addSubcommand(name, command(name, main)));
        }
        Examples.addTo(cli.getCommandSpec());
        return cli;
    }

    /** The model of command {@code name} of {@link Main#COMMANDS}; the hot ones from their {@link CommandDef}. */
    private static CommandSpec command(String name, Main main) {
        CommandDef fast = Main.fastCommand(name);
        if (fast != null) {
            return CommandSpecs.command(fast, main);
        }
        return switch (name) {
            case "demo" -> DemoCommand.spec();
            case "schema" -> SchemaCommand.spec(main);
            case "cursors" -> CursorsCommand.spec(main);
            case "keys" -> KeysCommand.spec();
            case "dlq" -> DlqCommand.spec(main);
            case "serve" -> ServeCommand.spec(main);
            case "reload" -> ReloadCommand.spec(main);
            case "_bus" -> BusCommand.spec(main);
            case "completion" -> CompletionCommand.spec();
            case "man" -> ManCommand.spec();
            case "help" -> HelpCommand.spec();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private static CommandSpec top(Main main) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(new MissingCommand()).name("evbus").version(Main.VERSION);
        spec.usageMessage().description("A per-application local event bus: subscribe to named event keys, publish events.");
        spec.addOption(CommandSpecs.option(Main.APP).scopeType(ScopeType.INHERIT).setter(new AppSetter(main)).build());
        spec.addOption(CommandSpecs.help());
        spec.addOption(OptionSpec.builder(Main.VERSION_OPTION.toArray(String[]::new)).versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    /**
     * {@code evbus} with no command: say what is missing, as picocli says for bad input, and show
     * the commands a new user starts with, as {@code git} does, rather than only where help is.
     */
    private static final class MissingCommand implements Callable<Integer> {
        @Override
        public Integer call() {
            System.err.print("""
                    evbus: missing command
                    Usage: evbus [--app ID] COMMAND [ARGS...]
                    The main commands:
                      consume KEY     print a key's events as NDJSON (try: evbus consume raw)
                      publish TYPE    publish an event (--data JSON), or NDJSON lines with --stdin
                      list            the event keys and their params
                      status          the buses on this machine
                      stop            stop the app's bus
                    See `evbus --help` for every command, `evbus COMMAND --help` for one, `evbus man` for the manual.
                    """);
            return ExitCodes.BAD_INPUT;
        }
    }

    /** Binds the inherited option to {@link Main#app}, so each subcommand's copy of it lands in the same place. */
    private static final class AppSetter implements ISetter {
        private final Main main;

        private AppSetter(Main main) {
            this.main = main;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T set(T value) {
            T previous = (T) main.app;
            main.app = (String) value;
            return previous;
        }
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
}
