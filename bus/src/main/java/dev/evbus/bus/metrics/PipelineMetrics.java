package dev.evbus.bus.metrics;

import dev.evbus.protocol.StatusParts;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The pipelines the bus runs itself ({@code pipelines} in the app's config), from the same status
 * answer {@code evbus status} shows: state, restarts, lag, and what each did with its events.
 */
final class PipelineMetrics {
    private static final List<String> STATES = List.of("starting", "running", "restarting", "stopped");

    private final List<StatusParts.PipelineStatus> pipelines;

    PipelineMetrics(List<StatusParts.PipelineStatus> pipelines) {
        this.pipelines = pipelines;
    }

    void collect(Exposition out) {
        Exposition.Family state = out.gauge("evbus_pipeline_state",
                "A served pipeline's state (1 for the current one): starting, running, restarting or stopped.");
        for (StatusParts.PipelineStatus p : pipelines) {
            for (String name : STATES) {
                state.sample(name.equals(p.state()) ? 1 : 0, "pipeline", p.name(), "key", p.eventKey(), "state", name);
            }
        }
        family(out.counter("evbus_pipeline_restarts_total", "Times the bus restarted a served pipeline's process."),
                p -> p.restarts());
        family(out.gauge("evbus_pipeline_lag", "Retained events a served pipeline still has to read."), p -> p.lag());
        family(out.counter("evbus_pipeline_processed_total", "Events a served pipeline received."),
                p -> p.counts() == null ? 0 : p.counts().processed());
        family(out.counter("evbus_pipeline_filtered_total", "Events a served pipeline's filters dropped."),
                p -> p.counts() == null ? 0 : p.counts().filtered());
        family(out.counter("evbus_pipeline_failed_total", "Events that failed at one of a served pipeline's stages."),
                p -> p.counts() == null ? 0 : p.counts().failed());
        family(out.counter("evbus_pipeline_dead_lettered_total", "Events a served pipeline wrote to its dead letters."),
                p -> p.counts() == null ? 0 : p.counts().deadLettered());
    }

    private void family(Exposition.Family family, ToLongFunction<StatusParts.PipelineStatus> value) {
        for (StatusParts.PipelineStatus p : pipelines) {
            family.sample(value.applyAsLong(p), "pipeline", p.name(), "key", p.eventKey());
        }
    }
}
