/** The per-app daemon: accepts consumers and producers on the app's socket and fans events out between them. */
package dev.evbus.bus;
