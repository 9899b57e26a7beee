package dev.evbus.cli;

/** A failure to report as one line and an exit code: 2 for bad input, refusals and unmet preconditions, 1 otherwise. */
final class UserError extends RuntimeException {
    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static UserError badInput(String message) {
        return new UserError(ExitCodes.BAD_INPUT, message);
    }

    static UserError failed(String message) {
        return new UserError(ExitCodes.FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
