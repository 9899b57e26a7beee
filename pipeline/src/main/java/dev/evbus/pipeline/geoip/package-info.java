/**
 * The {@code geoip} stage: an IP address field looked up in a MaxMind DB City file (GeoLite2 or
 * GeoIP2) with MaxMind's reader, opened once per process and shared by every consumer thread.
 */
package dev.evbus.pipeline.geoip;
