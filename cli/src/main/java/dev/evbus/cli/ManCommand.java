package dev.evbus.cli;

import dev.evbus.config.DidYouMean;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code evbus man [COMMAND...]}: a command's manual page in roff on stdout (for {@code man -l -}),
 * or with {@code --output-dir DIR} every page written into DIR, as {@code bin/build} writes
 * {@code man1/}.
 */
final class ManCommand implements Callable<Integer> {
    private final CommandSpec spec;

    private ManCommand() {
        spec = CommandSpecs.command(this, "man", "Print a command's manual page (roff; read it with `man -l -`), or write"
                + " every page into a directory.");
        spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").paramLabel("COMMAND").type(List.class)
                .auxiliaryTypes(String.class).completionCandidates(CompletionModel.userCommands())
                .description("The command, e.g. consume or dlq list (default: evbus itself).").build());
        spec.addOption(CommandSpecs.option(OptionDef.path("--output-dir", "DIR",
                "Write every page as DIR/evbus-COMMAND.1 (DIR is created) instead of printing one.")).build());
    }

    static CommandSpec spec() {
        return new ManCommand().spec;
    }

    @Override
    public Integer call() throws IOException {
        List<String> words = CommandSpecs.parameterValue(spec);
        Path outputDir = CommandSpecs.value(spec, "--output-dir");
        CommandSpec top = spec.root();
        if (outputDir != null) {
            if (words != null && !words.isEmpty()) {
                throw UserError.badInput("man: give COMMAND or --output-dir, not both");
            }
            Files.createDirectories(outputDir);
            write(top, outputDir);
            return ExitCodes.OK;
        }
        CommandSpec shown = top;
        for (String word : words == null ? List.<String>of() : words) {
            CommandLine sub = shown.subcommands().get(word);
            if (sub == null) {
                throw UserError.badInput("man: no command " + JsonText.quote(word) + " ("
                        + DidYouMean.hint(word, shown.subcommands().keySet()) + "see `evbus --help`)");
            }
            shown = sub.getCommandSpec();
        }
        System.out.print(ManPage.render(shown));
        return ExitCodes.OK;
    }

    private static void write(CommandSpec spec, Path dir) throws IOException {
        if (spec.usageMessage().hidden()) {
            return;
        }
        Files.writeString(dir.resolve(ManPage.fileName(spec)), ManPage.render(spec), StandardCharsets.UTF_8);
        for (CommandLine sub : spec.subcommands().values()) {
            write(sub.getCommandSpec(), dir);
        }
    }
}
