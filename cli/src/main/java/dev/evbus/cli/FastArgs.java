package dev.evbus.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the ordinary command lines of the hot commands without building picocli's model, which
 * cost a {@code consume raw} 17-20 ms of its ~60 ms of application time (the top command, the
 * command, and the interpreter's converter registry). Like {@code protocol.PublishScanner}, it
 * decodes only what it is certain to decode as the full parser would, and otherwise steps aside:
 * it answers only when it is certain that picocli would parse the line to the same values without
 * an error and without printing anything. For anything else, e.g. help, {@code --},
 * {@code --opt=value}, clusters, an unknown or repeated option, a value that starts with {@code -}
 * or does not convert as certain, it returns null and picocli parses the line as before, so every
 * message, exit code and help text stays picocli's. Its table is the commands' {@link CommandDef}s,
 * from which picocli's models are built too.
 */
final class FastArgs {
    private FastArgs() {
    }

    /** A line parsed: {@code --version}, or a command with its values; {@code app} is {@code --app}'s value or null. */
    record Line(String app, boolean version, CommandDef command, OptionValues values) {
    }

    /** The line {@code args} is, or null when picocli must parse it. */
    static Line parse(String[] args) {
        if (picocliConfigured()) {
            return null;
        }
        String app = null;
        boolean version = false;
        int i = 0;
        for (; i < args.length && !isPlain(args[i]); i++) {
            if (args[i].equals(Main.APP.name())) {
                // A top-level value that names a command is refused by picocli ("Expected parameter").
                if (app != null || i + 1 == args.length || !isPlain(args[i + 1]) || Main.COMMANDS.contains(args[i + 1])) {
                    return null;
                }
                app = args[++i];
            } else if (Main.VERSION_OPTION.contains(args[i]) && !version) {
                version = true;
            } else {
                return null;
            }
        }
        if (version) {
            return i == args.length ? new Line(app, true, null, null) : null;
        }
        CommandDef command = i < args.length ? Main.fastCommand(args[i]) : null;
        return command == null ? null : parseCommand(command, app, args, i + 1);
    }

    /** The rest of the line, from {@code start}, for {@code command}. */
    private static Line parseCommand(CommandDef command, String app, String[] args, int start) {
        // by identity: a record's hashCode is bootstrapped through invokedynamic, which the AOT cache does not hold
        Map<OptionDef, Object> given = new IdentityHashMap<>();
        String parameter = null;
        boolean parameterGiven = false;
        for (int i = start; i < args.length; i++) {
            String arg = args[i];
            OptionDef option = command.option(arg);
            if (arg.equals(Main.APP.name())) { // inherited by every command
                if (app != null || i + 1 == args.length || !isPlain(args[i + 1])) {
                    return null;
                }
                app = args[++i];
            } else if (option != null) {
                Object value = Boolean.TRUE;
                if (option.takesValue()) {
                    if (i + 1 == args.length || !isPlain(args[i + 1]) || (value = option.convert(args[++i])) == null) {
                        return null;
                    }
                }
                if (option.repeatable()) {
                    @SuppressWarnings("unchecked")
                    List<Object> values = (List<Object>) given.get(option);
                    if (values == null) {
                        given.put(option, values = new ArrayList<>());
                    }
                    values.add(value);
                } else if (given.putIfAbsent(option, value) != null) {
                    return null; // picocli: "should be specified only once"
                }
            } else if (isPlain(arg) && command.parameter() != null && !parameterGiven) {
                parameter = arg;
                parameterGiven = true;
            } else {
                return null;
            }
        }
        if (command.parameter() != null && command.parameter().required() && !parameterGiven) {
            return null;
        }
        Map<String, Object> values = new HashMap<>();
        for (OptionDef option : command.options()) {
            values.put(option.name(), given.containsKey(option) ? given.get(option) : option.unsetValue());
        }
        int groupGiven = 0;
        for (OptionDef option : command.exclusive()) {
            groupGiven += given.containsKey(option) ? 1 : 0;
            // picocli leaves a group's option that was not given without a value, not even its initial one
            values.put(option.name(), given.get(option));
        }
        if (groupGiven > 1) {
            return null; // picocli: "mutually exclusive"
        }
        return new Line(app, false, command, new OptionValues(values, parameter));
    }

    /**
     * Whether picocli would take {@code arg} as it is: not an option or {@code --} (a leading
     * {@code -}; negative numbers too, for simplicity), nor an {@code @file} that it expands.
     */
    private static boolean isPlain(String arg) {
        return !arg.startsWith("-") && !arg.startsWith("@");
    }

    /** System properties such as {@code picocli.trace} or {@code picocli.trimQuotes} change how picocli parses or what it prints. */
    private static boolean picocliConfigured() {
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("picocli.")) {
                return true;
            }
        }
        return false;
    }
}
