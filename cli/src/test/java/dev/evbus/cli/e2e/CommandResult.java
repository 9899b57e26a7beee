package dev.evbus.cli.e2e;

import java.util.List;

/** How a short evbus command ended: its exit code and every line it printed. */
record CommandResult(int exitCode, List<String> stdout, List<String> stderr) {

    String stderrText() {
        return String.join("\n", stderr);
    }

    String stdoutText() {
        return String.join("\n", stdout);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + stdoutText() + "\n--- stderr\n" + stderrText();
    }
}
