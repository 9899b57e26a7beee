package dev.evbus.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiClients;
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
import dev.evbus.pipeline.dlq.Listing;
import dev.evbus.protocol.JsonText;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code evbus dlq replay KEY}: runs each of the key's dead letters through the stage or sink that
 * failed, once, oldest first. Delivered letters are deleted; the others stay with one more retry.
 * What a replayed stage (not a sink) emits is printed on stdout as NDJSON.
 */
final class DlqReplayCommand implements Callable<Integer> {
    private final Main main;
    private final CommandSpec spec;

    private DlqReplayCommand(Main main) {
        this.main = main;
        this.spec = CommandSpecs.command(this, "replay", "Run the failed stage again, once, for each dead letter of KEY:"
                + " delivered ones are removed, failed ones kept with one more retry. Exit 1 when any failed.");
        spec.addPositional(CommandSpecs.parameter("KEY", "The key whose dead letters to replay."));
    }

    static CommandSpec spec(Main main) {
        return new DlqReplayCommand(main).spec;
    }

    @Override
    public Integer call() throws IOException {
        Context context = main.context();
        String key = CommandSpecs.parameterValue(spec);
        LoadedFiles files = context.loadKey(key);
        KeyDefinition definition = KeyRegistry.find(key).orElseThrow(() -> UserError.badInput("unknown key "
                + JsonText.quote(key) + " (see `evbus list`; `evbus dlq purge " + key + "` removes letters of a key that is gone)"));
        if (definition.pipeline().isEmpty()) {
            throw UserError.badInput("key " + key + " has no pipeline stages to replay");
        }
        DeadLetterStore store = DlqCommand.store(context);
        List<Listing> listed = store.list(Optional.of(key));
        DlqCommand.warnUnreadable(context, listed);
        AuthType identity = definition.authTypes().isEmpty() ? AuthType.USER : definition.authTypes().get(0);
        APIClient api = ApiClients.forApp(context.home(), context.appId(), identity, context.env());
        DeadLetterReplay replay = new DeadLetterReplay(definition, StageLibrary.standard(), store, new DeadLetterReplay.Environment(
                context.appId(), KeyBaseDir.of(definition), api, Clock.systemUTC(), System::nanoTime, Sleeper.REAL,
                files, new BusRepublisher(CursorsCommand.socket(context), context.appId()),
                (item, problem) -> context.err().println("[event] warning: " + problem)));
        ObjectMapper json = new ObjectMapper();
        int delivered = 0;
        int failed = 0;
        for (Listing listing : listed) {
            if (!(listing instanceof Listing.Readable readable)) {
                continue;
            }
            String id = readable.stored().id();
            switch (replay.replay(readable.stored())) {
                case DeadLetterReplay.Outcome.Delivered done -> {
                    delivered++;
                    for (Item item : done.outputs()) {
                        System.out.println(json.writeValueAsString(item.value()));
                    }
                }
                case DeadLetterReplay.Outcome.Failed again -> {
                    failed++;
                    context.err().println("evbus: " + id + " failed again (retry count " + again.letter().retryCount() + "): "
                            + again.letter().reason());
                }
            }
        }
        context.err().println("replayed " + (delivered + failed) + ": delivered " + delivered + ", failed " + failed);
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
