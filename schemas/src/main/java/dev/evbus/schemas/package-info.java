/**
 * Renders the JSON Schema of one line a key outputs, as printed by {@code evbus schema KEY}.
 *
 * <p>{@link dev.evbus.schemas.SchemaRenderer} wraps the key's declared schema in the output envelope
 * and applies the overrides the key promised, so every consumer of {@code evbus schema} sees the
 * same; it never mutates its inputs.
 */
package dev.evbus.schemas;
