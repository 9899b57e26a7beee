package dev.evbus.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.RawEvent;
import dev.evbus.event.pipeline.StageSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * One consumer's running pipeline: events in, the key's output out. Calls are serialised (the
 * methods are synchronized), because windows and batches keep state and effects keep order; a
 * key with a pipeline therefore shapes events on one thread whatever its {@code workers}.
 */
public final class PipelineRun {
    /** The consumer's sink; an {@link IOException} (a closed stdout) ends the consumer. */
    @FunctionalInterface
    public interface Output {
        void write(Item item) throws IOException;
    }

    private final Stage stage;
    private final StageContext context;
    private final Downstream out;

    private PipelineRun(Stage stage, StageContext context, Output output) {
        this.stage = stage;
        this.context = context;
        this.out = item -> {
            try {
                output.write(item);
                context.counters().countOut();
            } catch (IOException closed) {
                throw new UncheckedIOException(closed);
            }
        };
    }

    /** Compiles {@code specs} (a key's stages, at {@code /stages}) for this context. */
    public static PipelineRun start(List<StageSpec> specs, StageLibrary library, StageContext context, Output output)
            throws PipelineConfigException {
        Stage stage = new PipelineCompiler(library).compile(specs, "/stages", context);
        return new PipelineRun(stage, context, output);
    }

    public synchronized void accept(RawEvent envelope, JsonNode payload) throws IOException {
        context.counters().countIn();
        drive(() -> stage.accept(new Item(payload, envelope), out));
    }

    /** Lets time-driven stages emit; the consumer calls it about every 100 ms. */
    public synchronized void tick() throws IOException {
        long now = context.clock().nanoTime();
        drive(() -> stage.tick(now, out));
    }

    /** The stream ended: open windows and partial batches are emitted. */
    public synchronized void finish() throws IOException {
        drive(() -> stage.finish(out));
    }

    public Counters counters() {
        return context.counters();
    }

    private interface Step {
        void run() throws StageFailure;
    }

    private void drive(Step step) throws IOException {
        try {
            step.run();
        } catch (UncheckedIOException outputClosed) {
            throw outputClosed.getCause();
        } catch (StageFailure unguarded) {
            // Every stage is guarded, so only the output's own failure reaches here.
            context.counters().countFailed();
            context.warnings().warn(null, unguarded.getMessage());
        }
    }
}
