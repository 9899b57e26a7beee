package dev.evbus.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The floor's command line comes from the CLI's flags (read from the very shell libraries
 * bin/evbus sources), and the floor runs: a hello world that exits, and one that holds until its
 * stdin closes. Nothing here is timed.
 */
class JvmFloorTest {
    /** Surefire runs in the bench module's directory. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void parsesTheHelperOutput() {
        CliJvm jvm = CliJvm.parse("/opt/jdk\n25\n-XX:+UseSerialGC\n-Xss512k\n");
        assertEquals(new CliJvm(Path.of("/opt/jdk"), 25, List.of("-XX:+UseSerialGC", "-Xss512k")), jvm);
        assertTrue(jvm.hasAotCaches());
        assertFalse(CliJvm.parse("/opt/jdk21\n21\n").hasAotCaches());
    }

    @Test
    void readsTheFlagsBinEvbusStartsTheCliWith() throws Exception {
        CliJvm jvm = CliJvm.read(ROOT);
        assertTrue(jvm.flags().containsAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k")), jvm::toString);
        assertTrue(jvm.java().toFile().canExecute(), jvm::toString);
        assertTrue(jvm.flags().stream().noneMatch(flag -> flag.startsWith("-XX:AOTCache")), "a role's cache is not the floor's");
    }

    @Test
    void theCommandIsTheCliFlagsThenTheCacheThenTheClassPath() {
        CliJvm jvm = new CliJvm(Path.of("/opt/jdk"), 25, List.of("-XX:+UseSerialGC", "-Xlog:aot=off"));
        assertEquals(List.of("/opt/jdk/bin/java", "-XX:+UseSerialGC", "-Xlog:aot=off", "-XX:AOTCache=/t/hello.aot", "-cp",
                "/t/hello.jar", "Hello"), JvmFloor.command(jvm, Path.of("/t/hello.jar"), "-XX:AOTCache=/t/hello.aot", false));
        assertEquals(List.of("/opt/jdk/bin/java", "-XX:+UseSerialGC", "-Xlog:aot=off", "-cp", "/t/hello.jar", "Hello", "block"),
                JvmFloor.command(jvm, Path.of("/t/hello.jar"), null, true));
    }

    @Test
    void theFloorRunsAndTheBlockedOneHoldsUntilItsStdinCloses() throws Exception {
        try (JvmFloor floor = JvmFloor.prepare(CliJvm.read(ROOT))) {
            assertTrue(floor.timeOnce() > 0);
            JvmFloor.Blocked blocked = floor.startBlocked();
            try (blocked) {
                assertTrue(blocked.process().isAlive());
                assertTrue(ResidentMemory.footprint(blocked.pid()).pssKib() > 0);
            }
            assertTrue(blocked.process().waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, blocked.process().exitValue());
        }
    }
}
