package dev.evbus.testkit;

import java.util.List;

/** How a short evbus command ended: its exit code and every line it printed. */
public record CommandResult(int exitCode, List<String> stdout, List<String> stderr) {

    public String stderrText() {
        return String.join("\n", stderr);
    }

    public String stdoutText() {
        return String.join("\n", stdout);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdoutText() + "\n--- stderr\n" + stderrText();
    }
}
