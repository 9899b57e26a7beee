package dev.evbus.event;

import java.util.Locale;

/** Whose credentials a consumer acts with when hooks call the app's API. */
public enum AuthType {
    USER, BOT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuthType parse(String text) {
        return switch (text) {
            case "user" -> USER;
            case "bot" -> BOT;
            default -> throw new IllegalArgumentException("auth type must be user or bot, not \"" + text + "\"");
        };
    }
}
