/**
 * Finding live buses: the PID file, the process-lifetime alive lock, the fork lock, and scanning
 * apps.
 *
 * <p>{@link dev.evbus.busdiscover.FileLocks} takes the advisory locks whose being held means "the bus
 * is alive" (the OS drops them when their holder dies, unlike a pid that may be reused);
 * {@link dev.evbus.busdiscover.PidFile} is {@code bus.pid}, for information only;
 * {@link dev.evbus.busdiscover.BusProbe} is what the disk says about one app's bus, or every app's
 * of a home; {@link dev.evbus.busdiscover.LockHolders} names the process that holds an alive lock,
 * so {@code stop --force} kills the bus and never a process that reuses its pid.
 */
package dev.evbus.busdiscover;
