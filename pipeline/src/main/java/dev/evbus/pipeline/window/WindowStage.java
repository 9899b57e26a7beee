package dev.evbus.pipeline.window;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.event.RawEvent;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayDeque;

/**
 * Aggregates items into time windows of {@code size}, emitting one aggregate every {@code every}
 * (tumbling: every = size). Time is cut into panes of gcd(size, every) from the first item's
 * arrival; a window is the merge of the size/pane panes before its end, so only those panes are
 * held. Windows close on the pipeline's tick or on the next item, whichever comes first; a window
 * without items is not emitted; at the end of the stream the open window (the items since the
 * last emission) is emitted with the stream's end as its end.
 */
public final class WindowStage implements Stage {
    private final WindowSettings settings;
    private final JqProgram value;
    private final JqProgram distinct;
    private final StageContext context;
    private final long paneNanos;
    private final long panesPerWindow;

    // Mutable state, touched by the pipeline's one thread at a time.
    private final ArrayDeque<Pane> panes = new ArrayDeque<>();
    private final StreamStart origin = new StreamStart();
    private long nextEmit;
    private long itemsSinceEmit;
    private RawEvent last;
    private boolean warnedCapped;

    /** The {@code window} kind's factory. */
    public static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        WindowSettings settings = WindowSettings.read(options);
        var value = JqProgram.compile(options, "value", options.string("value", ".data.value"), context);
        var distinct = JqProgram.compile(options, "distinct", options.string("distinct", ".source"), context);
        return new WindowStage(settings, value.orElse(null), distinct.orElse(null), context);
    }

    private WindowStage(WindowSettings settings, JqProgram value, JqProgram distinct, StageContext context) {
        this.settings = settings;
        this.value = value;
        this.distinct = distinct;
        this.context = context;
        this.paneNanos = settings.paneNanos();
        this.panesPerWindow = settings.sizeNanos() / paneNanos;
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        long now = context.clock().nanoTime();
        if (origin.markFirst(now, context.clock())) {
            nextEmit = now + settings.everyNanos();
        } else {
            tick(now, next);
        }
        long index = (now - origin.nanos()) / paneNanos;
        Pane pane = panes.peekLast();
        if (pane == null || pane.index != index) {
            pane = new Pane(index, !settings.percentiles().isEmpty());
            panes.addLast(pane);
        }
        pane.add(number(first(value, item)), text(first(distinct, item)),
                item.envelope() == null ? "unknown" : item.envelope().eventType());
        itemsSinceEmit++;
        last = item.envelope();
    }

    @Override
    public void tick(long nowNanos, Downstream next) throws StageFailure {
        if (!origin.started()) {
            return;
        }
        while (nowNanos - nextEmit >= 0) {
            if (panes.isEmpty()) {
                // Idle: skip the empty windows at once rather than one by one.
                long behind = (nowNanos - nextEmit) / settings.everyNanos() + 1;
                nextEmit += behind * settings.everyNanos();
                break;
            }
            long end = (nextEmit - origin.nanos()) / paneNanos;
            emit(end - panesPerWindow, end, origin.wall(nextEmit - settings.sizeNanos()), origin.wall(nextEmit), next);
            nextEmit += settings.everyNanos();
            long oldestNeeded = (nextEmit - origin.nanos()) / paneNanos - panesPerWindow;
            while (!panes.isEmpty() && panes.peekFirst().index < oldestNeeded) {
                panes.removeFirst();
            }
        }
    }

    @Override
    public void finish(Downstream next) throws StageFailure {
        long now = context.clock().nanoTime();
        tick(now, next);
        if (itemsSinceEmit == 0) {
            return;
        }
        long current = (now - origin.nanos()) / paneNanos;
        long first = current - panesPerWindow + 1;
        emit(first, current + 1, origin.wall(origin.nanos() + first * paneNanos), origin.wall(now), next);
    }

    /** Emits the merge of panes {@code [from, to)} when they hold any item. */
    private void emit(long from, long to, String start, String end, Downstream next) throws StageFailure {
        Pane window = new Pane(to, !settings.percentiles().isEmpty());
        for (Pane pane : panes) {
            if (pane.index >= from && pane.index < to) {
                window.addAll(pane);
            }
        }
        itemsSinceEmit = 0;
        if (window.count() == 0) {
            return;
        }
        if (window.distinctCapped() && !warnedCapped) {
            warnedCapped = true;
            context.warnings().warn(null, "window: more than " + Pane.DISTINCT_LIMIT
                    + " distinct values in one window; distinctSources counts the first " + Pane.DISTINCT_LIMIT);
        }
        next.emit(new Item(window.toJson(start, end, settings.percentiles(), settings.groupByType()), last));
    }

    /** What {@code program} gives for the item; null for nothing or an error (the item still counts). */
    private static JsonNode first(JqProgram program, Item item) {
        try {
            return program.first(item.value(), item.envelope());
        } catch (StageFailure noValue) {
            return null;
        }
    }

    /** A finite number, or null: the item then counts but not in sum, avg, min, max, percentiles. */
    private static Double number(JsonNode result) {
        if (result == null || !result.isNumber() || !Double.isFinite(result.asDouble())) {
            return null;
        }
        return result.asDouble();
    }

    private static String text(JsonNode source) {
        if (source == null || source.isNull()) {
            return null;
        }
        return source.isTextual() ? source.asText() : source.toString();
    }
}
