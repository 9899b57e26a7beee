/** The EventKey registry, its key definitions and hooks, and the on-disk layout every other module shares. */
package dev.evbus.event;
