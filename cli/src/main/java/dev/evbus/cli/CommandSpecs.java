package dev.evbus.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shapes of command, option and parameter that the commands share, for picocli's programmatic
 * model. Every evbus command is a fresh JVM and the annotation model costs tens of milliseconds
 * of reflection and annotation proxies, so commands are built with these instead. Each builder
 * gives what the annotation it replaces gave (same arity, required flag and default index), so
 * parsing, messages and usage help stay as they were.
 */
final class CommandSpecs {
    private CommandSpecs() {
    }

    /** A command around {@code command} (its {@code call()} runs it), with {@code -h, --help} as every evbus command has. */
    static CommandSpec command(Object command, String name, String... description) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(name);
        spec.usageMessage().description(description);
        spec.addOption(help());
        return spec;
    }

    static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build();
    }

    /**
     * A boolean flag, false until given. Its arity stays unspecified, as an annotated boolean
     * field's does, so {@code --json=true} and {@code --json=false} are accepted as before.
     */
    static OptionSpec flag(String name, String description) {
        return OptionSpec.builder(name).type(boolean.class).initialValue(false).description(description).build();
    }

    /** {@code --json}: the commands that print something a script may read can print it as JSON; what that JSON is differs. */
    static OptionSpec json(String description) {
        return flag("--json", description);
    }

    /** An option with one string value, null when not given. */
    static OptionSpec.Builder text(String name, String paramLabel, String description) {
        return OptionSpec.builder(name).paramLabel(paramLabel).type(String.class).description(description);
    }

    /** An option taking a duration ({@code 500ms}, {@code 30s}, {@code 1h30m}; see {@link DurationParser}), null when not given. */
    static OptionSpec duration(String name, String description) {
        return OptionSpec.builder(name).paramLabel("DURATION").type(Duration.class).converters(new DurationParser())
                .description(description).build();
    }

    /** The first positional parameter, required (picocli reports it missing by its label). */
    static PositionalParamSpec parameter(String paramLabel, String... description) {
        return PositionalParamSpec.builder().index("0").required(true).paramLabel(paramLabel).type(String.class)
                .description(description).build();
    }

    /** The first positional parameter, which may be left out (null then). */
    static PositionalParamSpec optionalParameter(String paramLabel, String description) {
        return PositionalParamSpec.builder().index("0").arity("0..1").paramLabel(paramLabel).type(String.class)
                .description(description).build();
    }

    /** The parsed value of {@code spec}'s option {@code name}. */
    static <T> T value(CommandSpec spec, String name) {
        return spec.findOption(name).getValue();
    }

    /** The parsed value of {@code spec}'s first positional parameter. */
    static <T> T parameterValue(CommandSpec spec) {
        return spec.positionalParameters().get(0).getValue();
    }
}
