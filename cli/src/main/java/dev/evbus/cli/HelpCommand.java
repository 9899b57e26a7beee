package dev.evbus.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code evbus help [COMMAND]}: the usage help of the top command or of one command. It stands in
 * for picocli's {@link CommandLine.HelpCommand}, whose model picocli builds from annotations
 * (reflection and annotation proxies on every {@code evbus help}), and copies its usage text and
 * behaviour: marked as a help command, so that picocli skips validation and ignores what follows
 * COMMAND, exit 0, and an unknown COMMAND reported as picocli reports it.
 */
final class HelpCommand implements Callable<Integer> {
    private final CommandSpec spec;

    private HelpCommand() {
        spec = CommandSpec.wrapWithoutInspection(this).name("help").helpCommand(true);
        spec.usageMessage().header("Display help information about the specified command.").synopsisHeading("%nUsage: ")
                .description("%nWhen no COMMAND is given, the usage help for the main command is displayed.",
                        "If a COMMAND is specified, the help for that command is shown.%n");
        spec.addPositional(PositionalParamSpec.builder().arity("0..1").paramLabel("COMMAND").type(String.class).completionCandidates(CompletionModel.userCommands())
                .description("The COMMAND to display the usage help message for.").build());
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show usage help for the help command and exit.").build());
    }

    static CommandSpec spec() {
        return new HelpCommand().spec;
    }

    @Override
    public Integer call() {
        CommandLine self = spec.commandLine();
        CommandLine parent = self.getParent();
        String name = CommandSpecs.parameterValue(spec);
        CommandLine shown = parent;
        if (name != null) {
            shown = parent.getSubcommands().get(name);
            if (shown == null) {
                throw new CommandLine.ParameterException(parent, "Unknown subcommand '" + name + "'.", null, name);
            }
        }
        shown.usage(self.getOut(), self.getColorScheme());
        return shown.getCommandSpec().exitCodeOnUsageHelp();
    }
}
