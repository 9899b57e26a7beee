package dev.evbus.pipeline.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.event.RawEvent;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFailure;
import dev.evbus.pipeline.effect.Sinks;
import dev.evbus.pipeline.window.Percentiles;
import dev.evbus.pipeline.window.StreamStart;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code metrics}: hands every item on unchanged and counts it in its group (by default its event
 * type and {@code source}): how many, how big as compact JSON, and how late (the wall clock minus
 * the event's time). Once per {@code every}, from the first item, the interval's report goes to
 * the stage's {@code sinks}, or without sinks to the consumer's stderr; the interval still open
 * when the stream ends is reported then. Intervals without items report nothing.
 */
public final class MetricsStage implements Stage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Sinks produce nothing for the pipeline. */
    private static final Downstream NOWHERE = item -> { };

    private final long everyNanos;
    private final GroupLabels labels;
    /** Empty: the payload's {@code timestamp}, else the bus's {@code source_time}. */
    private final Optional<JqProgram> time;
    private final Percentiles percentiles;
    /** Empty: reports go to {@link StageContext#reports()}. */
    private final List<Stage> sinks;
    private final StageContext context;

    // Mutable state, touched by the pipeline's one thread at a time.
    private MetricsWindow window;
    private final StreamStart origin = new StreamStart();
    private long windowStart;
    private RawEvent last;
    private boolean warnedCapped;

    private MetricsStage(long everyNanos, GroupLabels labels, Optional<JqProgram> time, Percentiles percentiles,
            List<Stage> sinks, StageContext context) {
        this.everyNanos = everyNanos;
        this.labels = labels;
        this.time = time;
        this.percentiles = percentiles;
        this.sinks = List.copyOf(sinks);
        this.context = context;
        this.window = newWindow();
    }

    /** The {@code metrics} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        Duration every = options.duration("every", Duration.ofSeconds(60));
        if (every.isZero() || every.isNegative()) {
            options.problem("every", "must be more than 0, such as 10s or 1m");
            every = Duration.ofSeconds(60);
        }
        GroupLabels labels = GroupLabels.read(options, context);
        Optional<JqProgram> time = options.optionalString("time")
                .flatMap(expr -> JqProgram.compile(options, "time", expr, context));
        Percentiles percentiles = Percentiles.read(options, "percentiles", List.of(50.0, 99.0));
        List<Stage> sinks = new ArrayList<>();
        options.raw("sinks").ifPresent(entries -> {
            if (!entries.isArray() || entries.isEmpty()) {
                options.problem("sinks", "must be a non-empty list of sinks such as {publish: app.metrics} or {dir: metrics}");
                return;
            }
            for (int i = 0; i < entries.size(); i++) {
                Sinks.compile(entries.get(i), options.pathOf("sinks") + "/" + i, context, compiler, options.problems())
                        .ifPresent(sinks::add);
            }
        });
        return new MetricsStage(every.toNanos(), labels, time, percentiles, sinks, context);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        long now = context.clock().nanoTime();
        if (origin.markFirst(now, context.clock())) {
            windowStart = now;
        } else {
            tick(now, next);
        }
        OptionalLong at = eventMillis(item);
        Long lag = at.isPresent() ? context.clock().millis() - at.getAsLong() : null;
        window.add(labels.of(item), size(item.value()), lag);
        last = item.envelope();
        next.emit(item);
    }

    @Override
    public void tick(long nowNanos, Downstream next) throws StageFailure {
        if (!origin.started() || nowNanos - (windowStart + everyNanos) < 0) {
            return;
        }
        long end = windowStart + everyNanos;
        if (!window.isEmpty()) {
            report(origin.wall(windowStart), origin.wall(end));
        }
        // An idle stream skips its empty intervals at once, keeping reports on the interval grid.
        windowStart = end + (nowNanos - end) / everyNanos * everyNanos;
    }

    @Override
    public void finish(Downstream next) throws StageFailure {
        if (!origin.started()) {
            return;
        }
        long now = context.clock().nanoTime();
        tick(now, next);
        if (!window.isEmpty()) {
            report(origin.wall(windowStart), origin.wall(now));
        }
    }

    private void report(String start, String end) throws StageFailure {
        MetricsWindow closed = window;
        window = newWindow();
        if (closed.capped() && !warnedCapped) {
            warnedCapped = true;
            context.warnings().warn(null, "metrics: more than " + MetricsWindow.GROUP_LIMIT
                    + " groups in one interval; the rest count under \"" + MetricsWindow.OTHER + "\"");
        }
        JsonNode report = closed.toJson(start, end, percentiles);
        if (sinks.isEmpty()) {
            context.reports().report("metrics", report);
            return;
        }
        Item item = new Item(report, last);
        for (Stage sink : sinks) {
            sink.accept(item, NOWHERE);
        }
    }

    private MetricsWindow newWindow() {
        return new MetricsWindow(labels.names(), !percentiles.isEmpty());
    }

    private OptionalLong eventMillis(Item item) {
        if (time.isPresent()) {
            try {
                return EventTime.millis(time.get().first(item.value(), item.envelope()));
            } catch (StageFailure noTime) {
                return OptionalLong.empty();
            }
        }
        JsonNode timestamp = item.value() == null ? null : item.value().get("timestamp");
        OptionalLong millis = EventTime.millis(timestamp);
        if (millis.isEmpty() && item.envelope() != null) {
            millis = EventTime.millis(item.envelope().sourceTime());
        }
        return millis;
    }

    /** The value's size as compact JSON in UTF-8, counted without keeping the bytes. */
    private static long size(JsonNode value) {
        ByteCounter counter = new ByteCounter();
        try {
            JSON.writeValue(counter, value);
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
        return counter.count;
    }


    private static final class ByteCounter extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            count += length;
        }
    }
}
