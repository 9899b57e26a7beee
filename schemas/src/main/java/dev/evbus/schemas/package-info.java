/** Renders the JSON Schema of one line a key outputs, as printed by {@code evbus schema KEY}. */
package dev.evbus.schemas;
