package dev.evbus.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The examples every command's usage help and man page end with, as a comment and a command line
 * each, the way {@code kubectl} and {@code gh} show them. Kept here, not on the commands, so that
 * the hot commands' {@link CommandDef}s stay lean and only the picocli path loads them.
 */
final class Examples {
    private Examples() {
    }

    /** The examples of the command at {@code path} ("" for {@code evbus}, "dlq list"): comment, command, comment, command... */
    static List<String> of(String path) {
        return switch (path) {
            case "" -> List.of("Print every event of the last five minutes, then the live ones", "evbus consume raw --since 5m",
                    "Publish one event", "evbus publish user.signup --data '{\"user\":\"ada\"}'",
                    "Show the keys this installation knows", "evbus list");
            case "consume" -> List.of("Print every event as it arrives", "evbus consume raw",
                    "Only one type, from the start of the log, reshaped", "evbus consume raw -p type=user.* --since all --jq .payload",
                    "Resume where the cursor named billing stopped", "evbus consume raw --durable billing");
            case "publish" -> List.of("Publish one event", "evbus publish user.signup --data '{\"user\":\"ada\"}'",
                    "Publish NDJSON lines and wait until the bus has stored them", "evbus publish --stdin --ack < events.ndjson");
            case "list" -> List.of("Every key with its params", "evbus list", "Key names only, one a line", "evbus list --names",
                    "The param names of one key", "evbus list --params raw");
            case "schema" -> List.of("The JSON Schema of raw's output lines", "evbus schema raw",
                    "The same on one line with its kind", "evbus schema raw --json");
            case "status" -> List.of("Every bus on this machine", "evbus status", "The selected app's bus, as JSON",
                    "evbus status --current --json");
            case "stop" -> List.of("Stop the default app's bus", "evbus stop", "Stop every bus, consumers or not",
                    "evbus stop --all --force");
            case "cursors" -> List.of("The named cursors with their lag", "evbus cursors", "Remove the cursor billing",
                    "evbus cursors rm billing");
            case "cursors rm" -> List.of("Remove the cursor billing", "evbus cursors rm billing",
                    "Remove it in the app shop", "evbus --app shop cursors rm billing");
            case "keys" -> List.of("Check a key file", "evbus keys check keys/log-alerts.yaml",
                    "Check every key file of the home", "evbus keys check \"$EVBUS_HOME\"/keys/*.yaml");
            case "keys check" -> List.of("Check one key file", "evbus keys check keys/log-alerts.yaml",
                    "Check every key file of the home", "evbus keys check \"$EVBUS_HOME\"/keys/*.yaml");
            case "dlq" -> List.of("List the dead letters", "evbus dlq list", "Replay every letter of a key", "evbus dlq replay log.alerts");
            case "dlq list" -> List.of("Every dead letter", "evbus dlq list", "One key's letters as JSON", "evbus dlq list log.alerts --json");
            case "dlq show" -> List.of("One letter, by the id `dlq list` shows", "evbus dlq show ID",
                    "The letters of a failed event, by its id", "evbus dlq show o-1");
            case "dlq replay" -> List.of("Replay every letter of a key", "evbus dlq replay log.alerts",
                    "Replay one letter", "evbus dlq replay ID");
            case "dlq purge" -> List.of("Delete every letter of a key", "evbus dlq purge log.alerts",
                    "Delete one letter", "evbus dlq purge ID");
            case "serve" -> List.of("Run the default app's bus under a supervisor", "evbus serve",
                    "Run the bus of the app shop", "evbus --app shop serve");
            case "reload" -> List.of("Apply a changed config to the running bus", "evbus reload",
                    "The same, with what restarted as JSON", "evbus reload --json");
            case "_bus" -> List.of("Run the bus in this terminal (a consumer normally starts it)", "evbus _bus",
                    "Run the bus of the app shop", "evbus --app shop _bus");
            case "help" -> List.of("The usage help of consume", "evbus help consume",
                    "Every command with a one-line summary", "evbus help");
            case "demo" -> List.of("Watch the enrichment example run on a private bus", "evbus demo",
                    "Keep only the alerts it prints", "evbus demo 2>/dev/null");
            case "keys test" -> List.of("Run a key file on sample events", "evbus keys test log-alerts.yaml --input in.ndjson",
                    "Compare with the expected lines (exit 1 on a difference)",
                    "evbus keys test log-alerts.yaml --input in.ndjson --expect out.ndjson");
            case "completion" -> List.of("Complete evbus in this bash session", "source <(evbus completion bash)",
                    "Install for fish", "evbus completion fish > ~/.config/fish/completions/evbus.fish");
            case "man" -> List.of("Read the manual page of consume", "evbus man consume | man -l -",
                    "Write every page for MANPATH", "evbus man --output-dir ~/.local/share/man/man1");
            default -> List.of();
        };
    }

    /** Ends the usage help of {@code spec} and of each of its subcommands with their examples. */
    static void addTo(CommandSpec spec) {
        List<String> footer = new ArrayList<>();
        List<String> examples = of(path(spec));
        for (int i = 0; i + 1 < examples.size(); i += 2) {
            // picocli reads footer lines as format strings
            footer.add("  # " + examples.get(i).replace("%", "%%"));
            footer.add("  " + examples.get(i + 1).replace("%", "%%"));
        }
        if (!footer.isEmpty()) {
            spec.usageMessage().footerHeading("%nExamples:%n").footer(footer.toArray(String[]::new));
        }
        for (CommandLine sub : spec.subcommands().values()) {
            addTo(sub.getCommandSpec());
        }
    }

    /** The command's path below {@code evbus}: "" for the top command, "dlq list". */
    static String path(CommandSpec spec) {
        String qualified = spec.qualifiedName(" ");
        int space = qualified.indexOf(' ');
        return space < 0 ? "" : qualified.substring(space + 1);
    }
}
