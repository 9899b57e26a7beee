/** The {@code batch} stage: items grouped by count and time into one JSON array. */
package dev.evbus.pipeline.batch;
