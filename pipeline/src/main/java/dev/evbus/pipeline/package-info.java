/**
 * The running side of pipelines: the compiler from stage specifications and the stage library.
 *
 * <p>{@link dev.evbus.pipeline.PipelineCompiler} turns a key's stage specifications into
 * {@link dev.evbus.pipeline.Stage}s for one consumer's {@link dev.evbus.pipeline.StageContext}, each
 * made by its kind's {@link dev.evbus.pipeline.StageFactory} in the
 * {@link dev.evbus.pipeline.StageLibrary}, which reads its {@link dev.evbus.pipeline.Options} and
 * reports every {@link dev.evbus.pipeline.Problem} (together a
 * {@link dev.evbus.pipeline.PipelineConfigException}) instead of throwing. Stages run one after
 * another in a {@code Chain}, each inside a {@code Guarded} that applies its
 * {@link dev.evbus.pipeline.RetryPolicy} and {@link dev.evbus.pipeline.OnError}: a
 * {@link dev.evbus.pipeline.StageFailure} after the last attempt is skipped, passed, or kept as a
 * {@link dev.evbus.pipeline.DeadLetter} by {@link dev.evbus.pipeline.DeadLetters}.
 * {@link dev.evbus.pipeline.PipelineRun} is one consumer's running pipeline: {@link dev.evbus.pipeline.Item}s
 * in, output to its {@link dev.evbus.pipeline.Downstream}, totals in {@link dev.evbus.pipeline.Counters},
 * problems to {@link dev.evbus.pipeline.Warnings} and periodic reports to
 * {@link dev.evbus.pipeline.Reports}. A stage's jq expressions are {@link dev.evbus.pipeline.JqProgram}s;
 * the files it names resolve from {@link dev.evbus.pipeline.KeyBaseDir} and are loaded once per
 * process in {@link dev.evbus.pipeline.LoadedFiles}. The stage kinds live in the subpackages, one per
 * family.
 */
package dev.evbus.pipeline;
