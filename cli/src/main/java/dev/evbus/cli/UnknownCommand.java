package dev.evbus.cli;

import dev.evbus.config.DidYouMean;
import dev.evbus.protocol.JsonText;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What a line picocli refused says. A word where a command takes a subcommand and no parameter
 * names no command: that is said as such, with the closest command when it looks like a typo
 * ({@code evbus consmue}: did you mean consume?), as {@code git} and {@code cargo} say it; any
 * other refusal is picocli's message.
 */
final class UnknownCommand {
    private UnknownCommand() {
    }

    /** The line to print for {@code problem}, without the leading "evbus: ". */
    static String describe(ParameterException problem) {
        CommandLine command = problem.getCommandLine();
        String help = "see `" + command.getCommandSpec().qualifiedName(" ") + " --help`";
        Map<String, CommandLine> subcommands = command.getSubcommands();
        if (!(problem instanceof UnmatchedArgumentException unmatched) || subcommands.isEmpty()
                || !command.getCommandSpec().positionalParameters().isEmpty()) {
            return problem.getMessage() + " (" + help + ")";
        }
        List<String> words = unmatched.getUnmatched();
        String word = words.isEmpty() ? "" : words.get(0);
        if (word.startsWith("-")) {
            return problem.getMessage() + " (" + help + ")";
        }
        List<String> visible = subcommands.entrySet().stream()
                .filter(entry -> !entry.getValue().getCommandSpec().usageMessage().hidden()).map(Map.Entry::getKey).toList();
        return "unknown command " + JsonText.quote(word) + " (" + DidYouMean.hint(word, visible) + help + ")";
    }
}
