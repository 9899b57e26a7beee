package dev.evbus.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * A command's manual page in roff (the {@code man(7)} macros), written from picocli's model: the
 * same synopsis, descriptions, options and examples as its usage help. picocli's own
 * {@code ManPageGenerator} (in picocli-codegen, which this build does not have) writes AsciiDoc
 * for asciidoctor to turn into roff; a page written here needs no converter at build time.
 */
final class ManPage {
    private ManPage() {
    }

    /** The file name of {@code spec}'s page: {@code evbus.1}, {@code evbus-dlq-list.1}. */
    static String fileName(CommandSpec spec) {
        return name(spec) + ".1";
    }

    private static String name(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String render(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        out.append(".TH \"").append(escape(name(spec).toUpperCase(Locale.ROOT))).append("\" \"1\" \"\" \"")
                .append(escape(Main.VERSION)).append("\" \"evbus Manual\"\n");
        out.append(".SH NAME\n").append(escape(name(spec))).append(" \\- ").append(escape(summary(spec))).append('\n');
        String synopsis = synopsis(spec);
        String command = spec.qualifiedName(" ");
        out.append(".SH SYNOPSIS\n.B ").append(escape(command)).append('\n')
                .append(escape(synopsis.substring(Math.min(command.length(), synopsis.length())).strip())).append('\n');
        out.append(".SH DESCRIPTION\n");
        paragraphs(out, spec.usageMessage().description().length > 0 ? spec.usageMessage().description() : spec.usageMessage().header());
        if (!spec.positionalParameters().isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec parameter : spec.positionalParameters()) {
                out.append(".TP\n\\fI").append(escape(parameter.paramLabel())).append("\\fR\n");
                paragraphs(out, parameter.description());
            }
        }
        out.append(".SH OPTIONS\n");
        for (OptionSpec option : spec.options()) {
            if (option.hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>();
            for (String optionName : option.names()) {
                names.add("\\fB" + escape(optionName) + "\\fR");
            }
            out.append(".TP\n").append(String.join(", ", names));
            if (option.arity().max() > 0) {
                out.append("=\\fI").append(escape(option.paramLabel())).append("\\fR");
            }
            out.append('\n');
            paragraphs(out, option.description());
        }
        commands(out, spec);
        examples(out, spec);
        out.append("""
                .SH EXIT STATUS
                0 on success, 1 when the command failed, 2 on bad input, a refusal or an unmet precondition.
                .SH ENVIRONMENT
                .TP
                .B EVBUS_HOME
                The directory evbus keeps its files in (default: ~/.evbus).
                .TP
                .B EVBUS_APP
                The application whose bus to use when \\fB\\-\\-app\\fR is not given (default: default).
                .SH SEE ALSO
                """);
        out.append(spec.parent() == null ? "The usage help, \\fBevbus \\-\\-help\\fR; docs/commands.md in the source tree."
                : "\\fBevbus\\fR(1)").append('\n');
        return out.toString();
    }

    /** The usage help's synopsis on one line (roff fills it): wrapped at the usual width it could break inside a label. */
    private static String synopsis(CommandSpec spec) {
        int width = spec.usageMessage().width();
        spec.usageMessage().width(Short.MAX_VALUE);
        try {
            return new Help(spec, Help.defaultColorScheme(Help.Ansi.OFF)).synopsis(0).strip();
        } finally {
            spec.usageMessage().width(width);
        }
    }

    private static String summary(CommandSpec spec) {
        String[] lines = spec.usageMessage().description().length > 0 ? spec.usageMessage().description() : spec.usageMessage().header();
        return lines.length == 0 ? "" : text(lines[0]).split("\n")[0];
    }

    private static void commands(StringBuilder out, CommandSpec spec) {
        List<CommandSpec> visible = spec.subcommands().values().stream().map(CommandLine::getCommandSpec)
                .filter(sub -> !sub.usageMessage().hidden()).toList();
        if (visible.isEmpty()) {
            return;
        }
        out.append(".SH COMMANDS\n");
        for (CommandSpec sub : visible) {
            out.append(".TP\n\\fB").append(escape(sub.name())).append("\\fR\n").append(escape(summary(sub)))
                    .append(" See \\fB").append(escape(name(sub))).append("\\fR(1).\n");
        }
    }

    private static void examples(StringBuilder out, CommandSpec spec) {
        List<String> examples = Examples.of(Examples.path(spec));
        if (examples.isEmpty()) {
            return;
        }
        out.append(".SH EXAMPLES\n");
        for (int i = 0; i + 1 < examples.size(); i += 2) {
            out.append(".PP\n").append(escape(examples.get(i))).append(":\n.RS\n.nf\n\\f(CW").append(escape(examples.get(i + 1)))
                    .append("\\fR\n.fi\n.RE\n");
        }
    }

    /** The description lines of picocli's model ({@code %n} a line break in them), as roff paragraphs. */
    private static void paragraphs(StringBuilder out, String[] lines) {
        for (String line : lines) {
            for (String part : text(line).split("\n")) {
                if (!part.isBlank()) {
                    out.append(escape(part.strip())).append('\n');
                }
            }
        }
    }

    /** A model string as its usage help prints it: picocli reads them as format strings. */
    private static String text(String formatted) {
        return formatted.replace("%n", "\n").replace("%%", "%");
    }

    /** Text safe in roff: a backslash printed as one, minus signs that stay minus signs, no line read as a request. */
    static String escape(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
