package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.config.DataSize;
import dev.evbus.event.pipeline.Pipeline;
import dev.evbus.pipeline.Options;
import java.time.Duration;
import java.util.ArrayList;

/**
 * What one jq expression may spend on one event: {@code stage_time} of running time and
 * {@code stage_output} bytes of output (the arrays it builds on the way count too). A key file
 * sets them under {@code limits}; {@code consume --jq} runs with the defaults.
 *
 * @param stageTime   the longest one evaluation may run
 * @param stageOutput the most bytes of JSON one evaluation may produce
 */
public record JqLimits(Duration stageTime, long stageOutput) {
    public static final JqLimits DEFAULTS = new JqLimits(Duration.ofSeconds(1), 1L << 20);
    /** Beyond these a limit protects nothing: a stage could hold a consumer for hours or take its heap. */
    static final Duration MAX_TIME = Duration.ofMinutes(10);
    static final long MAX_OUTPUT = 256L << 20;
    static final long MIN_OUTPUT = 1L << 10;

    /** A key's limits, already checked when its file was loaded: the defaults stand in for what is wrong. */
    public static JqLimits of(Pipeline pipeline) {
        return read(new Options(pipeline.limits(), "/limits", JsonNodeFactory.instance.objectNode(), new ArrayList<>()));
    }

    /** Reads {@code stage_time} and {@code stage_output} from a key's {@code limits}; problems go to {@code options}. */
    public static JqLimits read(Options options) {
        Duration time = options.duration("stage_time", DEFAULTS.stageTime());
        if (time.isZero() || time.isNegative() || time.compareTo(MAX_TIME) > 0) {
            options.problem("stage_time", "must be more than 0s and at most 10m");
            time = DEFAULTS.stageTime();
        }
        long output = DEFAULTS.stageOutput();
        var raw = options.raw("stage_output");
        if (raw.isPresent()) {
            try {
                output = DataSize.of(raw.get());
            } catch (IllegalArgumentException bad) {
                options.problem("stage_output", bad.getMessage());
            }
            if (output < MIN_OUTPUT || output > MAX_OUTPUT) {
                options.problem("stage_output", "must be at least 1KiB and at most 256MiB");
                output = DEFAULTS.stageOutput();
            }
        }
        options.finish();
        return new JqLimits(time, output);
    }
}
