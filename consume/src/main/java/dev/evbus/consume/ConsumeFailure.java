package dev.evbus.consume;

/** Ends a consume with one line for the user and the exit code it maps to (2: bad input or refused, 1: anything else). */
public final class ConsumeFailure extends Exception {
    private final int exitCode;

    public ConsumeFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static ConsumeFailure badInput(String message) {
        return new ConsumeFailure(2, message);
    }

    public static ConsumeFailure failed(String message) {
        return new ConsumeFailure(1, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
