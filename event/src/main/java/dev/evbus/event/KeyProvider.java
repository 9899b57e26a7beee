package dev.evbus.event;

import java.util.List;

/**
 * The plugin SPI: a jar lists its implementation in
 * {@code META-INF/services/dev.evbus.event.KeyProvider}, and both the CLI and the bus load it.
 */
public interface KeyProvider {
    List<KeyDefinition> keys();
}
