package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.Home;
import dev.evbus.config.Retention;
import java.util.Map;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class data a bus starts with: its AOT cache when one fits the jar and this runtime, else none at all. */
class BusLaunchTest {
    private static final List<String> NO_SHARING = List.of("-Xshare:off");

    private static Path cacheBeside(Path jar) {
        return jar.resolveSibling("aot").resolve("bus-" + System.getProperty("java.runtime.version") + ".aot");
    }

    @Test
    void aCacheTrainedAfterTheJarIsMappedAtItsBaseAddress(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("evbus.jar"), "jar");
        Path aot = cacheBeside(jar);
        Files.createDirectories(aot.getParent());
        Files.writeString(aot, "cache");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(aot, FileTime.fromMillis(2_000_000));
        List<String> expected = Runtime.version().feature() >= 25
                ? List.of("-XX:AOTCache=" + aot.toAbsolutePath(), "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0")
                : NO_SHARING;
        assertEquals(expected, BusLaunch.classData(jar.toString()));
    }

    @Test
    void aCacheOlderThanTheJarIsNotUsed(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("evbus.jar"), "jar");
        Path aot = cacheBeside(jar);
        Files.createDirectories(aot.getParent());
        Files.writeString(aot, "cache");
        Files.setLastModifiedTime(aot, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(2_000_000));
        assertEquals(NO_SHARING, BusLaunch.classData(jar.toString()));
    }

    @Test
    void noCacheOrAClassPathItWasNotTrainedOnMeansNoSharingAtAll(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("evbus.jar"), "jar");
        assertEquals(NO_SHARING, BusLaunch.classData(jar.toString()));
        Path aot = cacheBeside(jar);
        Files.createDirectories(aot.getParent());
        Files.writeString(aot, "cache");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        assertEquals(NO_SHARING, BusLaunch.classData(jar + File.pathSeparator + dir.resolve("jnats.jar")));
        assertEquals(NO_SHARING, BusLaunch.classData(dir.resolve("classes").toString()));
    }

    @Test
    void theBusGetsTheSelectorProviderTheLauncherChoseForTheCommandThatStartsIt(@TempDir Path dir) {
        String before = System.getProperty(BusLaunch.SELECTOR_PROVIDER);
        System.setProperty(BusLaunch.SELECTOR_PROVIDER, "sun.nio.ch.EPollSelectorProvider");
        try {
            Home home = Home.fromEnvironment(Map.of("EVBUS_HOME", dir.toString()));
            List<String> command = BusLaunch.command(home, "default", Retention.DEFAULTS, Map.of());
            assertTrue(command.contains("-D" + BusLaunch.SELECTOR_PROVIDER + "=sun.nio.ch.EPollSelectorProvider"),
                    command.toString());
        } finally {
            if (before == null) {
                System.clearProperty(BusLaunch.SELECTOR_PROVIDER);
            } else {
                System.setProperty(BusLaunch.SELECTOR_PROVIDER, before);
            }
        }
    }
}
