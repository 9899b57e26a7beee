/** Talking to a running bus without subscribing: status, shutdown and publishing. */
package dev.evbus.busctl;
