package dev.evbus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.event.APIClient;
import dev.evbus.config.ApiClients;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.KeyBaseDir;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.Sleeper;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.dlq.DeadLetterReplay;
import dev.evbus.pipeline.dlq.DeadLetterStore;
import dev.evbus.pipeline.dlq.LetterSelection;
import dev.evbus.pipeline.dlq.StoredLetter;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus dlq replay SELECTOR...}: runs each selected dead letter through the stage or sink
 * that failed, once, oldest first. A selector is a letter id, a key (all its letters) or a failed
 * event's id ({@link LetterSelection}). Delivered letters are deleted; the others stay with one
 * more retry, and each is named with its reason. What a replayed stage (not a sink) emits is
 * printed on stdout as NDJSON.
 */
final class DlqReplayCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private DlqReplayCommand(Main main) {
        this.main = main;
        this.spec = CommandSpecs.command(this, "replay", "Run the failed stage again, once, for each selected dead letter:"
                + " delivered ones are removed, failed ones kept with one more retry. Exit 1 when any failed.");
        spec.addPositional(DlqCommand.selectors("replay"));
    }

    static CommandSpec spec(Main main) {
        return new DlqReplayCommand(main).spec;
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        List<String> selectors = CommandSpecs.parameterValue(spec);
        DeadLetterStore store = DlqCommand.store(context);
        LetterSelection selection = LetterSelection.of(store, selectors);
        Map<String, List<StoredLetter>> byKey = new LinkedHashMap<>();
        selection.keys().forEach(key -> byKey.put(key, new ArrayList<>()));
        for (String selector : selection.nothing()) {
            // A key with no letter left has no directory either: replaying it replays nothing.
            if (keyDefinition(context, selector).isEmpty()) {
                throw DlqCommand.namesNothing(selector, context);
            }
            byKey.put(selector, new ArrayList<>());
        }
        selection.letters().forEach(stored -> byKey.computeIfAbsent(stored.letter().key(), k -> new ArrayList<>()).add(stored));
        Map<String, DeadLetterReplay> replays = new LinkedHashMap<>();
        for (String key : byKey.keySet()) {
            replays.put(key, replayOf(context, key, store));
        }
        ObjectMapper json = new ObjectMapper();
        int delivered = 0;
        int failed = 0;
        for (StoredLetter stored : selection.letters()) {
            switch (replays.get(stored.letter().key()).replay(stored)) {
                case DeadLetterReplay.Outcome.Delivered done -> {
                    delivered++;
                    for (Item item : done.outputs()) {
                        System.out.println(json.writeValueAsString(item.value()));
                    }
                }
                case DeadLetterReplay.Outcome.Failed again -> {
                    failed++;
                    context.err().println("evbus: " + stored.id() + " failed again and stays (retry count "
                            + again.letter().retryCount() + "): " + again.letter().reason());
                }
            }
        }
        context.err().println("replayed " + (delivered + failed) + ": delivered " + delivered + ", failed " + failed);
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Optional<KeyDefinition> keyDefinition(Context context, String key) {
        context.loadKey(key);
        return KeyRegistry.find(key);
    }

    private static DeadLetterReplay replayOf(Context context, String key, DeadLetterStore store) {
        LoadedFiles files = context.loadKey(key);
        KeyDefinition definition = KeyRegistry.find(key).orElseThrow(() -> UserError.badInput("unknown key "
                + JsonText.quote(key) + " (see `evbus list`; `evbus dlq purge " + key + "` removes letters of a key that is gone)"));
        if (definition.pipeline().isEmpty()) {
            throw UserError.badInput("key " + key + " has no pipeline stages to replay");
        }
        AuthType identity = definition.authTypes().isEmpty() ? AuthType.USER : definition.authTypes().get(0);
        APIClient api = ApiClients.forApp(context.home(), context.appId(), identity, context.env());
        return new DeadLetterReplay(definition, StageLibrary.standard(), store, new DeadLetterReplay.Environment(
                context.appId(), KeyBaseDir.of(definition), api, context.clock(), Sleeper.REAL,
                files, new BusRepublisher(CursorsCommand.socket(context), context.appId(), context.clock()),
                (item, problem) -> context.err().println("[event] warning: " + problem)));
    }
}
