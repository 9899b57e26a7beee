/** Finding live buses: the PID file, the process-lifetime alive lock, the fork lock, and scanning apps. */
package dev.evbus.busdiscover;
