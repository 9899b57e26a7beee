package dev.evbus.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * What a shell needs to complete one command, read from picocli's model so that a completion
 * script cannot drift from the commands: its subcommands, its options (which take a value, which
 * a path, which a key param), and what its first parameter is.
 */
record CompletionModel(String path, String description, List<String> subcommands, List<Option> options, Parameter parameter) {

    /** One option: its names, and what its value is (none for a flag). */
    record Option(List<String> names, Value value, String description) {
    }

    /** What a value or parameter completes to. */
    enum Value {
        NONE, TEXT, FILE, KEY, KEY_PARAM
    }

    /** The first positional parameter: completed as {@code kind}, or to {@code words} when it has fixed candidates. */
    record Parameter(Value kind, List<String> words) {
    }

    /** The command at {@code spec} and every command below it, depth first, hidden ones left out. */
    static List<CompletionModel> of(CommandSpec spec) {
        List<CompletionModel> models = new ArrayList<>();
        collect(spec, models);
        return models;
    }

    private static void collect(CommandSpec spec, List<CompletionModel> models) {
        List<String> subcommands = new ArrayList<>();
        List<CommandSpec> below = new ArrayList<>();
        spec.subcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                subcommands.add(name);
                below.add(sub.getCommandSpec());
            }
        });
        List<Option> options = spec.options().stream().filter(option -> !option.hidden())
                .map(option -> new Option(List.of(option.names()), value(option), String.join(" ", option.description()))).toList();
        String[] lines = spec.usageMessage().description().length > 0 ? spec.usageMessage().description() : spec.usageMessage().header();
        String description = lines.length == 0 ? "" : lines[0].split("%n")[0]; // a one-line summary, as shells show it
        models.add(new CompletionModel(Examples.path(spec), description, List.copyOf(subcommands), options, parameter(spec)));
        below.forEach(sub -> collect(sub, models));
    }

    private static Value value(OptionSpec option) {
        if (option.arity().max() == 0) {
            return Value.NONE;
        }
        if ("NAME=VALUE".equals(option.paramLabel())) {
            return Value.KEY_PARAM;
        }
        return option.type() == Path.class ? Value.FILE : Value.TEXT;
    }

    private static Parameter parameter(CommandSpec spec) {
        if (spec.positionalParameters().isEmpty()) {
            return new Parameter(Value.NONE, List.of());
        }
        PositionalParamSpec first = spec.positionalParameters().get(0);
        List<String> words = new ArrayList<>();
        if (first.completionCandidates() != null) {
            first.completionCandidates().forEach(words::add);
            return new Parameter(Value.TEXT, List.copyOf(words));
        }
        return switch (first.paramLabel().replace("[", "").replace("]", "")) {
            case "KEY" -> new Parameter(Value.KEY, List.of());
            case "FILE", "FILE..." -> new Parameter(Value.FILE, List.of());
            default -> new Parameter(Value.NONE, List.of());
        };
    }

    /** The commands a user may name (for {@code help}, {@code man}): all but the internal ones, whose names start with "_". */
    static List<String> userCommands() {
        return Main.COMMANDS.stream().filter(name -> !name.startsWith("_")).toList();
    }

    List<String> optionNames() {
        return options.stream().flatMap(option -> option.names().stream()).toList();
    }

    List<String> optionNames(Value value) {
        return options.stream().filter(option -> option.value() == value).flatMap(option -> option.names().stream()).toList();
    }
}
