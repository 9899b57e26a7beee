/**
 * The EventKey registry, its key definitions and hooks, and the on-disk layout every other module
 * shares: {@link dev.evbus.event.Home} and {@link dev.evbus.event.AppPaths} say where each file
 * lives, {@link dev.evbus.event.PrivatePaths} how every one of them is created, opened, repaired
 * or refused.
 * An app's config file is read by {@link dev.evbus.event.ConfigJson} (one-line syntax errors) and
 * its names checked by {@link dev.evbus.event.KnownFields}, which suggests through
 * {@link dev.evbus.event.DidYouMean}.
 */
package dev.evbus.event;
