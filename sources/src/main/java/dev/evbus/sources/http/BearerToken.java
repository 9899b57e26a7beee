package dev.evbus.sources.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;

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

    /**
     * The token held by the environment variable {@code name} (a {@code token_env}), trimmed;
     * {@link IllegalArgumentException} saying what to do when it is unset or blank.
     */
    static BearerToken fromEnv(String name, Function<String, String> env) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("names $" + name + ", which is not set or empty in the bus's environment;"
                    + " set it to the token clients send as Authorization: Bearer <token>, or remove token_env");
        }
        return new BearerToken(value.trim());
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
