package dev.evbus.bench;

/**
 * How the bus keeps its log for a measurement: in memory (the default) or durable on disk. Durable
 * mode is configured in the app's retention section; whether the bus really runs it is read back
 * from {@code status} ({@code retention_log.durable}), because a bus without the feature accepts
 * the setting and keeps the log in memory, and its figures would then be passed off as durable.
 */
record LogMode(String label, String retentionJson, boolean durable) {
    static final LogMode MEMORY = new LogMode("in memory", "{\"max_bytes\":\"64MiB\",\"durable\":false}", false);
    static final LogMode DURABLE = new LogMode("durable", "{\"max_bytes\":\"64MiB\",\"durable\":true}", true);

    /** Why this mode cannot be measured on the bus that {@code status} describes, or null when it can. */
    String unavailableOn(BusStatus status) {
        if (durable && !status.durable()) {
            return "not available: durable mode configured but the bus reports retention_log.durable="
                    + (status.log() == null ? "absent" : "false") + " (feature not in this build)";
        }
        return null;
    }
}
