/**
 * Pipelines the app's bus runs itself: {@link dev.evbus.bus.served.PipelinesConfig} reads them
 * from the app's config into {@link dev.evbus.bus.served.PipelineSpec}s, and
 * {@link dev.evbus.bus.served.ServedPipelines} runs each as a supervised consumer process
 * ({@code ServedPipeline}, whose states it documents) reading from a durable cursor named after it.
 */
package dev.evbus.bus.served;
