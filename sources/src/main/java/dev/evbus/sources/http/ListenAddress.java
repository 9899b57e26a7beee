package dev.evbus.sources.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where the HTTP source listens, as written in {@code listen}: {@code host:port}, {@code [v6]:port}
 * or {@code :port} (loopback). Port 0 asks the system for a free one. Any host other than a loopback
 * one is allowed because it was written explicitly; the default is {@code 127.0.0.1:0}.
 */
record ListenAddress(String host, int port) {
    static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", 0);

    /** Parses {@code text}; {@link IllegalArgumentException} saying what is wrong, with an example. */
    static ListenAddress parse(String text) {
        String trimmed = text.trim();
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("must be host:port, such as 127.0.0.1:8080 (port 0 picks a free one), not \""
                    + trimmed + "\"");
        }
        String host = trimmed.substring(0, colon);
        String portText = trimmed.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an IPv6 host goes in brackets, such as [::1]:8080");
        }
        if (host.isEmpty()) {
            host = "127.0.0.1";
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException notNumber) {
            port = -1;
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be a number from 0 to 65535 (0 picks a free one), not \""
                    + portText + "\"");
        }
        return new ListenAddress(host, port);
    }

    InetSocketAddress resolve() throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    /** {@code host:port} as {@code status} shows it, with brackets around an IPv6 host. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
