package dev.evbus.bridge;

import java.nio.file.Path;

/** How the bridge proves itself to NATS: read from {@code token_env}, {@code user_env}/{@code password_env} or {@code creds_file}. */
public sealed interface NatsAuth {
    /** No credentials: a server without authorization. */
    record None() implements NatsAuth {
    }

    /** A token, read from the named variable when the config was read. */
    record Token(String variable, String token) implements NatsAuth {
        @Override
        public String toString() {
            return "Token[$" + variable + "]";
        }
    }

    /** A user and password, read from the named variables. */
    record UserPassword(String userVariable, String user, String passwordVariable, String password) implements NatsAuth {
        @Override
        public String toString() {
            return "UserPassword[$" + userVariable + ", $" + passwordVariable + "]";
        }
    }

    /** A NATS {@code .creds} file (user JWT and NKey seed), read by the client at each connect. */
    record CredsFile(Path file) implements NatsAuth {
    }

    NatsAuth NONE = new None();
}
