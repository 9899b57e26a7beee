package dev.evbus.sources.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The token a request must present as {@code Authorization: Bearer <token>}. Compared in constant
 * time so the answer's timing does not reveal how much of a guess was right; never printed.
 */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    BearerToken(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** True when {@code authorization} (the header's value, or null) carries this token. */
    boolean admits(String authorization) {
        if (authorization == null || authorization.length() < SCHEME.length()
                || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, given);
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
