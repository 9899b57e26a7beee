package dev.evbus.consume;

/** Why a consumer stopped, as the exited line names it. */
public enum StopReason {
    LIMIT("limit"),
    TIMEOUT("timeout"),
    /** --until: an event past the bound arrived, or the live edge was reached after the bound. */
    UNTIL("until"),
    SIGNAL("signal"),
    STDIN_CLOSED("stdin_closed"),
    STDOUT_CLOSED("stdout_closed"),
    BUS_LOST("bus_lost"),
    SETUP_FAILED("setup_failed");

    private final String label;

    StopReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Stops a user asked for, or that mean the job is done, exit 0; the others are failures. */
    public boolean clean() {
        return this != BUS_LOST && this != SETUP_FAILED;
    }
}
