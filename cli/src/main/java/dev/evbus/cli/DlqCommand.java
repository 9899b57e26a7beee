package dev.evbus.cli;

import static dev.evbus.cli.CommandSpecs.command;
import static dev.evbus.cli.CommandSpecs.json;
import static dev.evbus.cli.CommandSpecs.optionalParameter;
import static dev.evbus.cli.CommandSpecs.parameter;
import static dev.evbus.cli.CommandSpecs.parameterValue;
import static dev.evbus.cli.CommandSpecs.value;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.dlq.DeadLetterStore;
import dev.evbus.pipeline.dlq.LetterSelection;
import dev.evbus.pipeline.dlq.Listing;
import dev.evbus.pipeline.dlq.StoredLetter;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code evbus dlq}: the app's dead letters in {@code $EVBUS_HOME/dlq/<app>/<key>/}, events whose
 * pipeline stage or sink failed for the last time. Needs no bus (a replay's publish sink does).
 */
final class DlqCommand implements Callable<Integer> {
    private DlqCommand() {
    }

    static CommandSpec spec(Main main) {
        CommandSpec spec = command(new DlqCommand(), "dlq",
                "List, show, replay or purge the app's dead letters ($EVBUS_HOME/dlq/<app>/<key>/).");
        spec.addSubcommand("list", new ListLetters(main).spec);
        spec.addSubcommand("show", new Show(main).spec);
        spec.addSubcommand("replay", DlqReplayCommand.spec(main));
        spec.addSubcommand("purge", new Purge(main).spec);
        return spec;
    }

    @Override
    public Integer call() {
        System.err.println("evbus: dlq needs a command: list, show, replay or purge (see `evbus dlq --help`)");
        return ExitCodes.BAD_INPUT;
    }

    static DeadLetterStore store(Context context) {
        return new DeadLetterStore(context.home(), context.appId());
    }

    /** Files that are not letters cost a warning each, never the listing. */
    static void warnUnreadable(Context context, List<Listing> listed) {
        for (Listing listing : listed) {
            if (listing instanceof Listing.Unreadable bad) {
                context.err().println("evbus: warning: " + bad.file() + " is not a dead letter: " + bad.problem());
            }
        }
    }

    /** {@code evbus dlq list [KEY] [--json]}. */
    static final class ListLetters implements Callable<Integer> {
        private final Main main;
        private final CommandSpec spec;

        private ListLetters(Main main) {
            this.main = main;
            this.spec = command(this, "list", "One line per dead letter, oldest first: id, event id, key, retries, time, reason, file.");
            spec.addPositional(optionalParameter("KEY", "Only this key's letters (default: every key's)."));
            spec.addOption(json("Print a JSON array of {id, event_id, key, stage, dlq_reason, retry_count, dlq_timestamp, file}."));
        }

        @Override
        public Integer call() throws IOException {
            Context context = main.context();
            String key = parameterValue(spec);
            boolean json = value(spec, "--json");
            List<Listing> listed = store(context).list(Optional.ofNullable(key));
            warnUnreadable(context, listed);
            PrintStream out = System.out;
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "EVENT", "KEY", "RETRIES", "FAILED AT", "REASON", "FILE"));
            for (Listing listing : listed) {
                if (listing instanceof Listing.Readable readable) {
                    DeadLetter letter = readable.stored().letter();
                    String eventId = DeadLetterStore.eventIdOf(letter);
                    array.addObject().put("id", readable.stored().id()).put("event_id", eventId).put("key", letter.key())
                            .put("stage", letter.stagePath()).put("dlq_reason", letter.reason())
                            .put("retry_count", letter.retryCount()).put("dlq_timestamp", letter.failedAt().toString())
                            .put("file", listing.file().toString());
                    rows.add(List.of(readable.stored().id(), eventId == null ? "-" : JsonText.quote(eventId), letter.key(),
                            Integer.toString(letter.retryCount()), letter.failedAt().toString(), JsonText.quote(letter.reason()),
                            listing.file().toString()));
                }
            }
            if (json) {
                out.println(JsonText.write(array));
            } else if (array.isEmpty()) {
                out.println("no dead letters for " + (key == null ? "app " + JsonText.quote(context.appId()) : "key " + JsonText.quote(key)));
            } else {
                printTable(out, rows);
            }
            return ExitCodes.OK;
        }
    }

    /** Columns padded to their widest cell; the last one is not padded. */
    static void printTable(PrintStream out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        rows.forEach(row -> {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns - 1; i++) {
                line.append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length() + 2));
            }
            out.println(line.append(row.get(columns - 1)));
        }
    }

    /** {@code evbus dlq show ID}: by the letter's id, or by the failed event's own id when that names one letter. */
    static final class Show implements Callable<Integer> {
        private final Main main;
        private final CommandSpec spec;

        private Show(Main main) {
            this.main = main;
            this.spec = command(this, "show", "Print one dead letter's file, pretty.");
            spec.addPositional(parameter("ID", "The letter's id or the failed event's id, as `evbus dlq list` shows them."));
        }

        @Override
        public Integer call() throws IOException {
            Context context = main.context();
            String id = parameterValue(spec);
            DeadLetterStore store = store(context);
            Optional<Listing> byLetter = store.find(id);
            Path file;
            if (byLetter.isPresent()) {
                warnUnreadable(context, List.of(byLetter.get()));
                file = byLetter.get().file();
            } else {
                file = onlyLetterOfEvent(id, store.findByEvent(id), context);
            }
            System.out.println(DeadLetterStore.pretty(file));
            return ExitCodes.OK;
        }

        private static Path onlyLetterOfEvent(String id, List<StoredLetter> letters, Context context) {
            if (letters.isEmpty()) {
                throw UserError.badInput("no dead letter " + JsonText.quote(id) + " for app " + JsonText.quote(context.appId())
                        + " (see `evbus dlq list`)");
            }
            if (letters.size() > 1) {
                throw UserError.badInput("event " + JsonText.quote(id) + " has " + letters.size() + " dead letters: "
                        + String.join(", ", letters.stream().map(StoredLetter::id).toList())
                        + " (hint: show one by its letter id)");
            }
            return letters.get(0).file();
        }
    }

    /** The selectors of {@code replay} and {@code purge}: one or more letter ids, keys or event ids. */
    static PositionalParamSpec selectors(String verb) {
        return PositionalParamSpec.builder().index("0..*").arity("1..*").required(true).paramLabel("SELECTOR")
                .type(List.class).auxiliaryTypes(String.class)
                .description("What to " + verb + ": a letter id (`dlq list`'s ID), a key (all its letters) or a failed"
                        + " event's id (every letter holding it); several may be given.").build();
    }

    static UserError namesNothing(String selector, Context context) {
        return UserError.badInput("no dead letter, key or event " + JsonText.quote(selector) + " for app "
                + JsonText.quote(context.appId()) + " (see `evbus dlq list`)");
    }

    /** {@code evbus dlq purge SELECTOR...}: deletes the selected letters (a key's whole directory for a key). */
    static final class Purge implements Callable<Integer> {
        private final Main main;
        private final CommandSpec spec;

        private Purge(Main main) {
            this.main = main;
            this.spec = command(this, "purge", "Delete the selected dead letters (there is no undo).");
            spec.addPositional(selectors("purge"));
        }

        @Override
        public Integer call() throws IOException {
            Context context = main.context();
            List<String> selectors = parameterValue(spec);
            DeadLetterStore store = store(context);
            LetterSelection selection = LetterSelection.of(store, selectors);
            if (!selection.nothing().isEmpty()) {
                throw namesNothing(selection.nothing().get(0), context);
            }
            int removed = 0;
            for (String key : selection.keys()) {
                removed += store.purge(key);
            }
            for (StoredLetter stored : selection.letters()) {
                if (!selection.keys().contains(stored.letter().key()) && store.delete(stored.file())) {
                    removed++;
                }
            }
            boolean oneKey = selectors.size() == 1 && selection.keys().size() == 1;
            System.out.println("removed " + removed + " dead letter(s)" + (oneKey ? " of key " + JsonText.quote(selectors.get(0)) : ""));
            return ExitCodes.OK;
        }
    }
}
