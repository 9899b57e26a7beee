/**
 * jq as evbus runs it: {@link dev.evbus.pipeline.jq.BoundedJq} compiles an expression (refusing calls to
 * functions jq does not have) and evaluates it under a {@link dev.evbus.pipeline.jq.Budget} of time and
 * output bytes from the key's {@link dev.evbus.pipeline.jq.JqLimits}, so a runaway expression fails its
 * event only; {@link dev.evbus.pipeline.jq.FieldChain} evaluates the plain {@code .a.b} form without
 * jackson-jq; {@link dev.evbus.pipeline.jq.JqBuiltins} gives each program a root scope of the builtins it
 * looks up (the Java-written ones from {@link dev.evbus.pipeline.jq.JavaBuiltins}, the jq-written ones from
 * {@link dev.evbus.pipeline.jq.JqDefinitions}); {@link dev.evbus.pipeline.jq.JqJson} reads and writes
 * numbers as jq 1.7 does ({@link dev.evbus.pipeline.jq.JqNumbers}, {@link dev.evbus.pipeline.jq.JqTreeWriter}).
 */
package dev.evbus.pipeline.jq;
