package dev.evbus.cli;

import dev.evbus.cli.CompletionModel.Value;
import java.util.List;

/**
 * The bash completion script, generated from the command model: one table of what each command
 * takes, and one function that finds where the cursor is in it. Key names and a key's param names
 * are not in the table: the function asks {@code evbus list --names} and {@code evbus list
 * --params KEY} at the moment of completion, so keys added later complete too. The same script
 * serves zsh through {@code bashcompinit}. picocli's own {@code AutoComplete} writes a script that
 * completes commands and options only, with no way to ask evbus for keys.
 */
final class BashCompletion {
    private BashCompletion() {
    }

    static String script(List<CompletionModel> commands) {
        StringBuilder out = new StringBuilder();
        out.append("""
                # evbus completion for bash (source it; see `evbus man completion`)
                # _evbus_spec PATH: what the command at PATH takes, in the variables the completion reads
                _evbus_spec() {
                  _evbus_subs="" _evbus_opts="" _evbus_valued="" _evbus_files="" _evbus_params="" _evbus_arg=""
                  case "$1" in
                """);
        for (CompletionModel command : commands) {
            out.append("    ").append(quote(command.path())).append(")\n");
            assign(out, "_evbus_subs", command.subcommands());
            assign(out, "_evbus_opts", command.optionNames());
            assign(out, "_evbus_valued", command.options().stream().filter(o -> o.value() != Value.NONE)
                    .flatMap(o -> o.names().stream()).toList());
            assign(out, "_evbus_files", command.optionNames(Value.FILE));
            assign(out, "_evbus_params", command.optionNames(Value.KEY_PARAM));
            CompletionModel.Parameter parameter = command.parameter();
            String arg = switch (parameter.kind()) {
                case KEY -> "@key";
                case FILE -> "@file";
                case TEXT -> String.join(" ", parameter.words());
                default -> "";
            };
            assign(out, "_evbus_arg", arg.isEmpty() ? List.of() : List.of(arg));
            out.append("      ;;\n");
        }
        out.append("""
                  esac
                }

                # Completes the word under the cursor: a subcommand, an option, an option's value, a key or a key's param.
                _evbus() {
                  [ -n "${ZSH_VERSION-}" ] && setopt local_options ksh_arrays
                  local cur=${COMP_WORDS[COMP_CWORD]} prev="" path="" key="" word i
                  [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
                  local _evbus_subs _evbus_opts _evbus_valued _evbus_files _evbus_params _evbus_arg
                  _evbus_spec ""
                  # the command from the words before the cursor; the key from any word but the cursor's (`-p <Tab> raw`)
                  for ((i = 1; i < ${#COMP_WORDS[@]}; i++)); do
                    word=${COMP_WORDS[i]}
                    if [ "$i" -eq "$COMP_CWORD" ]; then
                      continue
                    elif [[ $word == -* ]]; then
                      [[ $word != *=* && " $_evbus_valued " == *" $word "* ]] && ((i++))
                    elif [[ -z $key && $i -lt $COMP_CWORD && " $_evbus_subs " == *" $word "* ]]; then
                      path=${path:+$path }$word
                      _evbus_spec "$path"
                    elif [ -z "$key" ]; then
                      key=$word
                    fi
                  done
                  local evbus=${COMP_WORDS[0]}
                  COMPREPLY=()
                  if [[ $cur != -* && " $_evbus_valued " == *" $prev "* ]]; then
                    if [[ " $_evbus_params " == *" $prev "* ]]; then
                      [ -n "$key" ] && COMPREPLY=($(compgen -S = -W "$("$evbus" list --params "$key" 2>/dev/null)" -- "$cur"))
                      compopt -o nospace 2>/dev/null # not in zsh, nor outside a completion
                    elif [[ " $_evbus_files " == *" $prev "* ]]; then
                      COMPREPLY=($(compgen -f -- "$cur"))
                    fi
                    return 0
                  fi
                  if [[ $cur == -* ]]; then
                    COMPREPLY=($(compgen -W "$_evbus_opts" -- "$cur"))
                  elif [ -n "$_evbus_subs" ]; then
                    COMPREPLY=($(compgen -W "$_evbus_subs" -- "$cur"))
                  elif [ "$_evbus_arg" = @key ]; then
                    [ -z "$key" ] && COMPREPLY=($(compgen -W "$("$evbus" list --names 2>/dev/null)" -- "$cur"))
                  elif [ "$_evbus_arg" = @file ]; then
                    COMPREPLY=($(compgen -f -- "$cur"))
                  elif [ -z "$key" ]; then
                    COMPREPLY=($(compgen -W "$_evbus_arg" -- "$cur"))
                  fi
                  return 0
                }
                complete -F _evbus evbus
                """);
        return out.toString();
    }

    /** The same script for zsh, which runs bash completion functions through its {@code bashcompinit}. */
    static String zshScript(List<CompletionModel> commands) {
        return "#compdef evbus\n# evbus completion for zsh: bash's completion function, run by zsh's bashcompinit\n"
                + "autoload -U +X bashcompinit && bashcompinit\n" + script(commands);
    }

    private static void assign(StringBuilder out, String variable, List<String> words) {
        out.append("      ").append(variable).append('=').append(quote(String.join(" ", words))).append('\n');
    }

    /** A shell word in single quotes; the model's names hold none, but a quote must not end it. */
    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
