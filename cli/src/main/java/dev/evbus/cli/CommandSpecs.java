package dev.evbus.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The shapes of command, option and parameter that the commands share, for picocli's programmatic
 * model; every option is built from an {@link OptionDef}, and the hot commands are described whole
 * as {@link CommandDef}s. Every evbus command is a fresh JVM and the annotation model costs tens
 * of milliseconds of reflection and annotation proxies, so commands are built with these instead. Each builder
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

    /**
     * The model of a command described as data: help, parameter, group and options, added in the
     * order the command used to add them, so usage help is unchanged. The command is made when
     * picocli calls it, from the values the model then holds.
     */
    static CommandSpec command(CommandDef command, Main main) {
        FromSpec call = new FromSpec(command, main);
        CommandSpec spec = command(call, command.name(), command.description());
        call.spec = spec;
        ParamDef parameter = command.parameter();
        if (parameter != null) {
            spec.addPositional(parameter.required() ? parameter(parameter.label(), parameter.description())
                    : optionalParameter(parameter.label(), parameter.description()));
        }
        if (!command.exclusive().isEmpty()) {
            ArgGroupSpec.Builder group = ArgGroupSpec.builder().exclusive(true);
            command.exclusive().forEach(option -> group.addArg(option(option).build()));
            spec.addArgGroup(group.build());
        }
        command.options().forEach(option -> spec.addOption(option(option).build()));
        return spec;
    }

    /** The values picocli parsed into {@code spec}, a model of {@code command}. */
    static OptionValues values(CommandDef command, CommandSpec spec) {
        Map<String, Object> values = new HashMap<>();
        command.allOptions().forEach(option -> values.put(option.name(), spec.findOption(option.name()).getValue()));
        return new OptionValues(values, command.parameter() == null ? null : spec.positionalParameters().get(0).getValue());
    }

    /** The user object picocli calls: the command, made from the values parsed into its model. */
    private static final class FromSpec implements Callable<Integer> {
        private final CommandDef command;
        private final Main main;
        private CommandSpec spec;

        private FromSpec(CommandDef command, Main main) {
            this.command = command;
            this.main = main;
        }

        @Override
        public Integer call() throws Exception {
            return command.factory().create(main, values(command, spec)).call();
        }
    }

    /** picocli's model of {@code option}, to build; a caller may add what only picocli needs (a scope, a setter). */
    static OptionSpec.Builder option(OptionDef option) {
        OptionSpec.Builder builder = OptionSpec.builder(option.names().toArray(String[]::new)).description(option.description());
        switch (option.kind()) {
            case FLAG -> builder.type(boolean.class).initialValue(false);
            case STRICT_FLAG -> builder.type(boolean.class).arity("0");
            case TEXT -> builder.type(String.class);
            case TEXT_LIST -> builder.type(List.class).auxiliaryTypes(String.class);
            case INT -> builder.type(int.class);
            case LONG -> builder.type(long.class);
            case PATH -> builder.type(Path.class);
            case DURATION -> builder.type(Duration.class).converters(new DurationParser());
        }
        if (option.paramLabel() != null) {
            builder.paramLabel(option.paramLabel());
        }
        if (option.defaultValue() != null) {
            builder.defaultValue(option.defaultValue());
        }
        return builder;
    }

    static OptionSpec help() {
        return OptionSpec.builder("-h", "--help").usageHelp(true).description("Show this help message and exit.").build();
    }

    /** A boolean flag, false until given (see {@link OptionDef#flag}). */
    static OptionSpec flag(String name, String description) {
        return option(OptionDef.flag(name, description)).build();
    }

    static OptionSpec json(String description) {
        return option(OptionDef.json(description)).build();
    }

    /** An option with one string value, null when not given. */
    static OptionSpec.Builder text(String name, String paramLabel, String description) {
        return option(OptionDef.text(name, paramLabel, description));
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
