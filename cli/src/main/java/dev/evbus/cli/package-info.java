/** The {@code evbus} command line: picocli commands over the bus, the consumer runtime and the registry. */
package dev.evbus.cli;
