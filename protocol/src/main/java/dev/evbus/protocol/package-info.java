/** The wire between consumers, producers and the bus: one JSON object per line, as records. */
package dev.evbus.protocol;
