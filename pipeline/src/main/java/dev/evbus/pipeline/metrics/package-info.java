/**
 * The {@code metrics} stage: per-group counts, sizes and lag of the events passing through, reported
 * once per interval.
 *
 * <p>{@link dev.evbus.pipeline.metrics.MetricsStage} hands every item on unchanged and counts it:
 * {@code GroupLabels} says which group it counts in (the {@code by} labels, else its event type and
 * {@code source}), {@code EventTime} when it happened (for its lag), {@code GroupStats} what one
 * group did in the interval, and {@code MetricsWindow} holds one interval's groups, bounded in number
 * (the rest count under one {@code (other)} group).
 */
package dev.evbus.pipeline.metrics;
