package dev.evbus.protocol;

/**
 * The version consumers and the bus exchange in hello and hello_ack; also the product version.
 *
 * <p>Compatibility follows semantic versioning as wire protocols use it: the wire may gain
 * fields within a major version, so a bus serves clients of its own major version that are not
 * newer than itself in the minor. Before 1.0 every minor may change the wire, so major and minor
 * must both match. Patch releases never change the wire. Both sides check, because only the
 * newer side knows the rule: a newer bus refuses an incompatible hello, a newer client leaves an
 * incompatible bus it reached.
 */
public final class ProtocolVersion {
    public static final String CURRENT = "0.1.0";

    private ProtocolVersion() {
    }

    /**
     * Why a bus of version {@code bus} must not serve a client of version {@code client}, or null
     * when it may. An unreadable version is never compatible.
     */
    public static String incompatibility(String bus, String client) {
        int[] b = parse(bus);
        int[] c = parse(client);
        if (b == null) {
            return "the bus's version " + JsonText.quote(bus) + " is not MAJOR.MINOR.PATCH";
        }
        if (c == null) {
            return "the client's version " + JsonText.quote(client) + " is not MAJOR.MINOR.PATCH";
        }
        boolean compatible = b[0] == c[0] && (b[0] == 0 ? b[1] == c[1] : b[1] >= c[1]);
        return compatible ? null : "the bus runs evbus " + bus + " and the client is evbus " + client
                + ", which cannot talk to each other";
    }

    /** True when {@code version} is MAJOR.MINOR.PATCH, with an optional pre-release or build suffix. */
    public static boolean isWellFormed(String version) {
        return parse(version) != null;
    }

    /** MAJOR.MINOR.PATCH with an optional pre-release or build suffix; null when it is not that. */
    static int[] parse(String version) {
        if (version == null) {
            return null;
        }
        int suffix = 0;
        while (suffix < version.length() && version.charAt(suffix) != '-' && version.charAt(suffix) != '+') {
            suffix++; // no regular expression: every consumer parses a version, and the regex engine is 25 classes
        }
        String[] parts = version.substring(0, suffix).split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        int[] numbers = new int[3];
        for (int i = 0; i < 3; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 9 || !allDigits(parts[i])) {
                return null;
            }
            numbers[i] = Integer.parseInt(parts[i]);
        }
        return numbers;
    }

    private static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
