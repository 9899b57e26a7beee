package dev.evbus.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Java runtime and JVM flags {@code bin/evbus} starts the CLI with, read by sourcing the same
 * shell libraries it sources ({@code bin/lib/find-jdk.sh}, {@code bin/lib/jvm-flags.sh}) in the
 * bench's environment, so the floor can never drift from what the launcher does. The flags are
 * those before a role's {@code -XX:AOTCache}: the floor brings a cache of its own.
 */
record CliJvm(Path javaHome, int major, List<String> flags) {

    /** Prints the Java home, its feature version, then one flag a line. */
    private static final String HELPER = String.join("\n",
            ". \"$1/bin/lib/find-jdk.sh\" && . \"$1/bin/lib/jvm-flags.sh\" || exit 2",
            "evbus_find_jdk 21 || exit 2",
            "evbus_jvm_setup \"$1\"",
            "printf '%s\\n' \"$EVBUS_JAVA_HOME\" \"$EVBUS_MAJOR\" \"${EVBUS_FLAGS[@]}\"");

    static CliJvm read(Path root) throws IOException, InterruptedException {
        ProcessBuilder helper = new ProcessBuilder("bash", "-c", HELPER, "evbus-flags", root.toString());
        return parse(DebianTool.output(helper, Duration.ofSeconds(30)));
    }

    /** The helper's output: Java home, feature version, then the flags, one a line. */
    static CliJvm parse(String output) {
        List<String> lines = output.lines().toList();
        if (lines.size() < 2 || !lines.get(1).matches("[0-9]+")) {
            throw new IllegalArgumentException("expected a Java home, its version and the CLI's flags, got: " + output);
        }
        return new CliJvm(Path.of(lines.get(0)), Integer.parseInt(lines.get(1)), List.copyOf(lines.subList(2, lines.size())));
    }

    Path java() {
        return javaHome.resolve("bin/java");
    }

    /** JDK 25 records an AOT cache in one training run ({@code -XX:AOTCacheOutput}); bin/build trains the CLI's there too. */
    boolean hasAotCaches() {
        return major >= 25;
    }
}
