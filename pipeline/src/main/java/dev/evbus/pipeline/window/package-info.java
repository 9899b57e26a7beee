/**
 * The {@code window} stage: tumbling and sliding time windows over a pipeline's items, emitting one
 * aggregate (count, sum, avg, min, max, distinct sources, counts by type, percentiles) per window.
 * Windows are cut on the pipeline's monotonic clock; their start and end are written in wall time.
 */
package dev.evbus.pipeline.window;
