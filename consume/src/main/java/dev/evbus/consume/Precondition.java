package dev.evbus.consume;

/**
 * One thing {@code consume --dry-run} checked: its name, what it found, and a detail (the value
 * it found, or the error a real run would end with).
 */
public record Precondition(String name, Status status, String detail) {

    /** What a check found; only {@link #BLOCKED} stops a real run. */
    public enum Status {
        OK("ok"),
        BLOCKED("blocked"),
        /** Nothing there yet, and a real run would start it (the bus). */
        WOULD_START("would-start"),
        /** Not checked: it needs what an earlier blocked precondition would have given. */
        SKIPPED("skipped");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public static Precondition ok(String name, String detail) {
        return new Precondition(name, Status.OK, detail);
    }

    public static Precondition blocked(String name, String error) {
        return new Precondition(name, Status.BLOCKED, error);
    }
}
