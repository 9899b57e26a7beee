package dev.evbus.cli;

import dev.evbus.protocol.JsonText;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code evbus completion bash|zsh|fish}: prints the shell's completion script, generated from the command model. */
final class CompletionCommand implements Callable<Integer> {
    static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    private final CommandSpec spec;

    private CompletionCommand() {
        spec = CommandSpecs.command(this, "completion", "Print a shell completion script: commands, options, key names"
                + " and -p param names complete (from `evbus list`).");
        spec.addPositional(PositionalParamSpec.builder().index("0").required(true).paramLabel("SHELL").type(String.class)
                .completionCandidates(SHELLS).description("bash, zsh or fish.").build());
    }

    static CommandSpec spec() {
        return new CompletionCommand().spec;
    }

    @Override
    public Integer call() {
        String shell = CommandSpecs.parameterValue(spec);
        List<CompletionModel> commands = CompletionModel.of(spec.root());
        String script = switch (shell) {
            case "bash" -> BashCompletion.script(commands);
            case "zsh" -> BashCompletion.zshScript(commands);
            case "fish" -> FishCompletion.script(commands);
            default -> throw UserError.badInput("completion: no script for shell " + JsonText.quote(shell) + " (bash, zsh or fish)");
        };
        System.out.print(script);
        return ExitCodes.OK;
    }
}
