package dev.evbus.bridge;

import java.util.regex.Pattern;

/** NATS subject rules the bridge relies on: tokens split by '.', none empty, no whitespace, no wildcard. */
final class Subjects {
    /** The names NATS accepts for a stream and a durable consumer, kept to what needs no escaping anywhere. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Subjects() {
    }

    /** Null when {@code text} is a valid literal subject (or subject tail), else what is wrong with it. */
    static String problem(String text) {
        if (text == null || text.isEmpty()) {
            return "is empty";
        }
        for (String token : text.split("\\.", -1)) {
            if (token.isEmpty()) {
                return "has an empty token (\"..\", or '.' at an end)";
            }
            if (token.equals("*") || token.equals(">") || token.contains("*") || token.contains(">")) {
                return "holds a wildcard ('*' or '>')";
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                return "holds whitespace or a control character";
            }
        }
        return null;
    }

    /** {@code name} with every char outside {@code [A-Za-z0-9_-]} as '_', cut to 64 chars. */
    static String sanitize(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            out.append(plain ? c : '_');
        }
        return out.length() > 64 ? out.substring(0, 64) : out.toString();
    }
}
