/**
 * The consumer runtime: subscribe through the app's bus, shape each event with the key's hooks, write NDJSON.
 *
 * <p>{@link dev.evbus.consume.ConsumerSession} runs a consume; {@code ConsumeChecks} is its check
 * phase, every precondition before the first side effect, which {@link dev.evbus.consume.DryRun}
 * ({@code --dry-run}) runs too and reports as a {@link dev.evbus.consume.DryRunReport}.
 */
package dev.evbus.consume;
