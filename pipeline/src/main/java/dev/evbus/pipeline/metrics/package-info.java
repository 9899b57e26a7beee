/** The {@code metrics} stage: per-group counts, sizes and lag of the events passing through, reported once per interval. */
package dev.evbus.pipeline.metrics;
