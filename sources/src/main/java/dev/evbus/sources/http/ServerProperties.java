package dev.evbus.sources.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JDK HTTP server's limits, which it reads from system properties once per JVM, when the first
 * {@code HttpServer} is created ({@code sun.net.httpserver.ServerConfig}'s static initialiser). The
 * bus is its own JVM with at most one HTTP source, so the source sets them in code just before it
 * creates its server:
 *
 * <ul>
 * <li>{@code jdk.httpserver.maxConnections} = {@code max_connections}: a connection past it is
 * closed as soon as it is accepted;</li>
 * <li>{@code sun.net.httpserver.maxIdleConnections} = {@code max_connections}: otherwise only 200
 * keep-alive connections stay open between requests and the others are closed after each answer;</li>
 * <li>{@code sun.net.httpserver.maxReqTime} = {@code read_timeout} rounded up to whole seconds: a
 * request whose headers and body have not all arrived by then is cut (slow-loris), checked every
 * second ({@code sun.net.httpserver.timerMillis}, default);</li>
 * <li>{@code sun.net.httpserver.clockTick} = half the read timeout, at most 10 s: how often a
 * connection that never sent a byte is looked at; the server cuts it after the smaller of
 * {@code maxReqTime} and {@code sun.net.httpserver.idleInterval} (kept at its 30 s default,
 * which is also how long an idle keep-alive connection stays open);</li>
 * <li>{@code sun.net.httpserver.nodelay} = true: small answers leave at once instead of waiting on
 * Nagle's algorithm and the client's delayed ACK.</li>
 * </ul>
 *
 * A property already set ({@code -D} on the command line, or by an earlier source in the same JVM)
 * wins: {@link #apply} never overwrites one and returns what is in effect.
 */
final class ServerProperties {
    static final String MAX_CONNECTIONS = "jdk.httpserver.maxConnections";
    static final String MAX_IDLE_CONNECTIONS = "sun.net.httpserver.maxIdleConnections";
    static final String MAX_REQ_TIME = "sun.net.httpserver.maxReqTime";
    static final String CLOCK_TICK = "sun.net.httpserver.clockTick";
    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private ServerProperties() {
    }

    /** The property values {@code config} asks for, in the order they are set. */
    static Map<String, String> wanted(HttpSourceConfig config) {
        long seconds = Math.max(1, (config.readTimeout().toMillis() + 999) / 1000);
        long tick = Math.max(100, Math.min(10_000, config.readTimeout().toMillis() / 2));
        Map<String, String> wanted = new LinkedHashMap<>();
        wanted.put(MAX_CONNECTIONS, Integer.toString(config.maxConnections()));
        wanted.put(MAX_IDLE_CONNECTIONS, Integer.toString(config.maxConnections()));
        wanted.put(MAX_REQ_TIME, Long.toString(seconds));
        wanted.put(CLOCK_TICK, Long.toString(tick));
        wanted.put(NO_DELAY, "true");
        return wanted;
    }

    /** Sets each wanted property that is not set yet; returns the read timeout in effect. */
    static synchronized Duration apply(HttpSourceConfig config) {
        for (Map.Entry<String, String> property : wanted(config).entrySet()) {
            if (System.getProperty(property.getKey()) == null) {
                System.setProperty(property.getKey(), property.getValue());
            }
        }
        return effectiveReadTimeout(config.readTimeout());
    }

    private static Duration effectiveReadTimeout(Duration asked) {
        try {
            long seconds = Long.parseLong(System.getProperty(MAX_REQ_TIME));
            return seconds > 0 ? Duration.ofSeconds(seconds) : asked;
        } catch (NumberFormatException unreadable) {
            return asked;
        }
    }
}
