package dev.evbus.pipeline.dlq;

import dev.evbus.event.TimeSource;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.pipeline.Counters;
import dev.evbus.pipeline.DeadLetter;
import dev.evbus.pipeline.DeadLetters;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.ParamsJson;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.Reports;
import dev.evbus.pipeline.Republisher;
import dev.evbus.pipeline.Sleeper;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.jq.JqLimits;
import dev.evbus.pipeline.StageFailure;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.Warnings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a dead letter's failed stage (or sink) again, alone, on the item as it entered that stage,
 * compiled from the key's current definition with the letter's params. One attempt per letter
 * and replay, whatever the stage's {@code retry}: a replay is run by hand once the cause is
 * fixed, and a still-failing endpoint must not hold it for every letter's backoff. Success
 * deletes the letter; failure keeps it with {@code retry_count} raised by one (by none when the
 * stage could not even be compiled), the new reason and time. Later stages are not run: what a
 * replayed stage emits is returned to the caller.
 */
public final class DeadLetterReplay {
    /** What the replayed stage may use besides the letter's params, as a consumer's pipeline has it. */
    public record Environment(String app, Path baseDir, APIClient api, TimeSource clock,
            Sleeper sleeper, LoadedFiles files, Republisher republisher, Warnings warnings) {
    }

    /** How one replay went. */
    public sealed interface Outcome {
        /** The stage took the item; {@code outputs} is what it emitted (nothing for a sink). */
        record Delivered(List<Item> outputs) implements Outcome {
        }

        /** The letter stays, now with {@code letter}'s count, reason and time. */
        record Failed(DeadLetter letter) implements Outcome {
        }
    }

    private final KeyDefinition key;
    private final PipelineCompiler compiler;
    private final DeadLetterStore store;
    private final Environment environment;
    private final ObjectNode definition;

    public DeadLetterReplay(KeyDefinition key, StageLibrary library, DeadLetterStore store, Environment environment) {
        this.key = key;
        this.compiler = new PipelineCompiler(library);
        this.store = store;
        this.environment = environment;
        this.definition = StageAt.definition(key.pipeline().map(pipeline -> pipeline.stages()).orElse(List.of()));
    }

    /** Replays one letter and updates the store: deleted when delivered, rewritten when failed. */
    public Outcome replay(StoredLetter stored) throws IOException {
        DeadLetter letter = stored.letter();
        Attempt attempt = new Attempt();
        Params params = Params.of(letter.params());
        StageContext context = new StageContext(key.key(), environment.app(), params, ParamsJson.of(key.params(), params),
                environment.baseDir(), environment.api(), environment.clock(), environment.sleeper(),
                environment.files(), attempt, environment.republisher(), attempt, Reports.NONE, new Counters(),
                key.pipeline().map(JqLimits::of).orElse(JqLimits.DEFAULTS));
        List<Problem> problems = new ArrayList<>();
        Optional<Stage> stage = StageAt.compile(definition, letter.stagePath(), context, compiler, problems);
        if (stage.isEmpty()) {
            return failed(stored, "cannot replay: " + problems.get(0), 0);
        }
        List<Item> outputs = new ArrayList<>();
        try {
            stage.get().accept(letter.item(), outputs::add);
            stage.get().finish(outputs::add);
        } catch (StageFailure unguarded) {
            return failed(stored, unguarded.getMessage(), 1);
        }
        if (attempt.failure != null) {
            return failed(stored, attempt.failure.reason(), 1);
        }
        store.delete(stored.file());
        return new Outcome.Delivered(outputs);
    }

    private Outcome failed(StoredLetter stored, String reason, int attempts) throws IOException {
        DeadLetter was = stored.letter();
        DeadLetter now = new DeadLetter(was.key(), was.stagePath(), was.params(), was.item(), reason,
                was.retryCount() + attempts, environment.clock().instant());
        store.update(stored, now);
        return new Outcome.Failed(now);
    }

    /**
     * The replayed stage's dead letters and warnings: its on_error is dead_letter, so its one
     * failure arrives here as a letter, and the warning that goes with it is the outcome's to
     * report. Warnings about no item (a tick or a finish) go on to the environment's.
     */
    private final class Attempt implements DeadLetters, Warnings {
        private DeadLetter failure;

        @Override
        public void write(DeadLetter letter) {
            failure = letter;
        }

        @Override
        public void warn(Item item, String problem) {
            if (item == null) {
                environment.warnings().warn(null, problem);
            }
        }
    }
}
