/** Sources inside the bus: what feeds events in besides publishers (HTTP ingestion, a file follower) and the statistics over what it accepts. */
package dev.evbus.sources;
