package dev.evbus.cli;

import dev.evbus.cli.CompletionModel.Value;
import java.util.List;

/**
 * The fish completion script, generated from the command model: one {@code complete} line per
 * subcommand and per option, each under the condition that the command line is at that command
 * ({@code __evbus_at PATH}). As in the bash script, key names and a key's params are asked of
 * {@code evbus list} at the moment of completion.
 */
final class FishCompletion {
    private FishCompletion() {
    }

    static String script(List<CompletionModel> commands) {
        StringBuilder out = new StringBuilder("""
                # evbus completion for fish (save as ~/.config/fish/completions/evbus.fish; see `evbus man completion`)
                # __evbus_words: the words before the cursor that name commands (`dlq list`), then the key, if any
                function __evbus_words
                    set -l path
                    set -l key
                    for word in (commandline -opc)[2..-1]
                        if string match -q -- '-*' $word
                            continue
                        else if test -z "$key"; and contains -- $word (__evbus_subcommands (string join ' ' $path))
                            set path $path $word
                        else if test -z "$key"
                            set key $word
                        end
                    end
                    echo (string join ' ' $path)
                    echo $key
                end
                function __evbus_at
                    test (__evbus_words)[1] = "$argv[1]"
                end
                function __evbus_key_params
                    set -l key (__evbus_words)[2]
                    test -n "$key"; and evbus list --params $key 2>/dev/null | string replace -r '$' '='
                end
                function __evbus_subcommands
                    switch "$argv[1]"
                """);
        for (CompletionModel command : commands) {
            if (!command.subcommands().isEmpty()) {
                out.append("        case ").append(quote(command.path())).append("\n            echo ")
                        .append(String.join(" ", command.subcommands())).append('\n');
            }
        }
        out.append("    end\nend\ncomplete -c evbus -f\n");
        for (CompletionModel command : commands) {
            String at = "-n '__evbus_at \"" + command.path() + "\"'"; // command names are [a-z_]
            for (CompletionModel sub : commands) {
                if (isChild(command.path(), sub.path())) {
                    String name = sub.path().substring(sub.path().lastIndexOf(' ') + 1);
                    out.append("complete -c evbus ").append(at).append(" -a ").append(name).append(" -d ")
                            .append(quote(sub.description())).append('\n');
                }
            }
            for (CompletionModel.Option option : command.options()) {
                out.append("complete -c evbus ").append(at);
                for (String name : option.names()) {
                    out.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
                }
                switch (option.value()) {
                    case NONE -> { }
                    case FILE -> out.append(" -r -F");
                    case KEY_PARAM -> out.append(" -x -a '(__evbus_key_params)'");
                    default -> out.append(" -x");
                }
                out.append(" -d ").append(quote(option.description())).append('\n');
            }
            Value kind = command.parameter().kind();
            if (kind == Value.KEY) {
                out.append("complete -c evbus ").append(at).append(" -n 'test -z (__evbus_words)[2]' -a '(evbus list --names 2>/dev/null)'\n");
            } else if (kind == Value.FILE) {
                out.append("complete -c evbus ").append(at).append(" -F\n");
            } else if (!command.parameter().words().isEmpty()) {
                out.append("complete -c evbus ").append(at).append(" -a ").append(quote(String.join(" ", command.parameter().words())))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static boolean isChild(String parent, String path) {
        if (parent.isEmpty()) {
            return !path.isEmpty() && !path.contains(" ");
        }
        return path.startsWith(parent + " ") && !path.substring(parent.length() + 1).contains(" ");
    }

    /** A fish word in single quotes (fish escapes only \\ and ' inside them). */
    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
