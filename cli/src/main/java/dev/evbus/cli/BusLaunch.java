package dev.evbus.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts an app's bus: this same JVM binary and class path, with the small
 * heap and lean flags that keep an idle bus cheap.
 */
final class BusLaunch {
    /** Small heap, serial GC and small stacks and code cache: an idle bus stays near 50 MB resident. */
    private static final List<String> JVM_FLAGS = List.of(
            "-Xms8m", "-Xmx48m", "-Xss512k", "-XX:+UseSerialGC", "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=64m", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData",
            "--enable-native-access=ALL-UNNAMED", "-Xlog:cds=off");

    private BusLaunch() {
    }

    static List<String> command(String appId) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_FLAGS);
        if (Runtime.version().feature() >= 24) {
            command.add("-Xlog:aot=off"); // the tag exists from JDK 24 on; it would log cache mismatches
        }
        String trainTo = System.getProperty("evbus.bus.aotOutput");
        String aotCache = System.getProperty("evbus.bus.aot");
        if (trainTo != null) {
            // Class linking is off because picocli's Java 5 class files cannot be linked ahead of
            // time, and JDK 25 fails to write a cache that skips them.
            command.add("-XX:-AOTClassLinking");
            command.add("-XX:AOTCacheOutput=" + trainTo);
        } else if (aotCache != null && Files.isRegularFile(Path.of(aotCache))) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        String bootAppend = System.getProperty("evbus.boot.append");
        if (bootAppend != null && !bootAppend.isEmpty()) {
            command.add("-Xbootclasspath/a:" + bootAppend); // picocli, unverified, as in the launcher
        }
        String nativeLibrary = System.getProperty("org.newsclub.net.unix.library.override");
        if (nativeLibrary != null) {
            command.add("-Dorg.newsclub.net.unix.library.override=" + nativeLibrary);
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.add("--app");
        command.add(appId);
        command.add("_bus");
        return command;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
