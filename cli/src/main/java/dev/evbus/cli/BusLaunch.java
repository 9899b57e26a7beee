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
            "-XX:TieredStopAtLevel=1", "--enable-native-access=ALL-UNNAMED");

    private BusLaunch() {
    }

    static List<String> command(String appId) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_FLAGS);
        String aotCache = System.getProperty("evbus.bus.aot");
        if (aotCache != null && Files.isRegularFile(Path.of(aotCache))) {
            command.add("-XX:AOTCache=" + aotCache);
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
