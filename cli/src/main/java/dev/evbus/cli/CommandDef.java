package dev.evbus.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A command described once as data: its name, description, positional parameter (or null),
 * options, the options of its one exclusive argument group (of which at most one may be given),
 * and how to make the command from what a line said. picocli's model is built from it
 * ({@link CommandSpecs#command(CommandDef, Main)}) for help, errors and unusual lines, and
 * {@link FastArgs} parses ordinary lines with it without building that model.
 */
record CommandDef(String name, String description, ParamDef parameter, List<OptionDef> options, List<OptionDef> exclusive,
        Factory factory) {

    /** Makes the command for the values a line gave, on either path. */
    interface Factory {
        Callable<Integer> create(Main main, OptionValues values);
    }

    CommandDef {
        options = List.copyOf(options);
        exclusive = List.copyOf(exclusive);
    }

    /** Every option, the exclusive group's too. */
    Stream<OptionDef> allOptions() {
        return Stream.concat(options.stream(), exclusive.stream());
    }

    /** The option {@code arg} names exactly (any of its names), or null. Loops, not streams: it runs on every start. */
    OptionDef option(String arg) {
        for (List<OptionDef> list : List.of(options, exclusive)) {
            for (OptionDef option : list) {
                if (option.names().contains(arg)) {
                    return option;
                }
            }
        }
        return null;
    }
}
