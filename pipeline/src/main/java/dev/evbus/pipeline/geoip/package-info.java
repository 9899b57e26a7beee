/**
 * The {@code geoip} stage: an IP address field looked up in a MaxMind DB City file (GeoLite2 or
 * GeoIP2) with MaxMind's reader, opened once per process and shared by every consumer thread.
 *
 * <p>{@link dev.evbus.pipeline.geoip.GeoIpStage} appends the {@code GeoField}s its {@code fields}
 * option names; {@code GeoDatabase} opens the file (City databases only), and {@code IpLiteral}
 * parses the address as a literal, never through DNS.
 */
package dev.evbus.pipeline.geoip;
