package dev.evbus.bench;

import java.time.Duration;

/** How one short-lived evbus command ended. */
record CommandResult(int exitCode, String stdout, String stderr, Duration elapsed) {

    CommandResult requireSuccess(String what) {
        if (exitCode != 0) {
            throw new IllegalStateException(what + " exited " + exitCode + ": " + stderr.strip());
        }
        return this;
    }
}
