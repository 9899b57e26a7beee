package dev.evbus.testkit;

import com.fasterxml.jackson.databind.JsonNode;

/** The sources the current app's bus lists in {@code status --json}: what source tests look up and wait on. */
public final class BusSources {
    private BusSources() {
    }

    /** The bus's source of this kind ({@code http}, {@code file}) as status shows it; fails when it has none. */
    public static JsonNode of(Evbus evbus, String kind) {
        JsonNode status = evbus.status();
        for (JsonNode source : status.path("sources")) {
            if (source.path("kind").asText().equals(kind)) {
                return source;
            }
        }
        throw new AssertionError("no " + kind + " source in " + status);
    }

    /** The HTTP source's bound {@code host:port}, once it is connected (listening). */
    public static String httpAddress(Evbus evbus) {
        Poll.until(Poll.PATIENCE, "the http source to be connected",
                () -> of(evbus, "http").path("state").asText().equals("connected"));
        return of(evbus, "http").path("address").asText();
    }
}
