package dev.evbus.pipeline;

/**
 * Makes one kind of stage from its options. Reads every option it knows through {@code options}
 * and reports problems there rather than throwing, so a key file's problems are all found at once;
 * the result is not used when any problem was reported. Files a stage needs are opened here, at
 * compile time, so a missing table fails {@code keys check} and not the first event.
 */
@FunctionalInterface
public interface StageFactory {
    Stage create(Options options, StageContext context, PipelineCompiler compiler);
}
