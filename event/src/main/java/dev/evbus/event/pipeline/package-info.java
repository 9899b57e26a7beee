/**
 * The definition side of pipelines: stage specifications and the builder Java plugins and key files
 * share.
 *
 * <p>A {@link dev.evbus.event.pipeline.Pipeline} is an ordered list of
 * {@link dev.evbus.event.pipeline.StageSpec}s, made by {@code Pipeline.builder()} in a plugin or read
 * from a key file: a declared stage carries its options as JSON exactly as a key file spells them,
 * and a plugin's own {@link dev.evbus.event.pipeline.JavaStage} is a custom one. The
 * {@code dev.evbus.pipeline} module compiles them into running stages.
 */
package dev.evbus.event.pipeline;
