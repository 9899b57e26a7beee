package dev.evbus.busdiscover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusProbeTest {
    @TempDir
    Path root;

    @Test
    void scanListsAppDirectoriesInNameOrder() throws Exception {
        Home home = new Home(root);
        for (String app : List.of("zeta", "alpha", "mid", "Beta")) {
            home.app(app).ensureDirectory();
        }
        Files.writeString(home.events().resolve("stray-file"), "not an app");

        List<String> apps = BusProbe.scan(home).stream().map(BusProbe::app).toList();

        assertEquals(List.of("Beta", "alpha", "mid", "zeta"), apps);
    }

    @Test
    void scanOfAFreshHomeIsEmpty() throws Exception {
        assertEquals(List.of(), BusProbe.scan(new Home(root)));
    }

    @Test
    void probeReportsThePidFileAndAFreeLock() throws Exception {
        AppPaths shop = new Home(root).app("shop");
        shop.ensureDirectory();
        PidFile pid = new PidFile(4321, Instant.parse("2025-05-05T05:05:05Z"));
        pid.writeTo(shop.pidFile());

        BusProbe probe = BusProbe.of(shop);

        assertEquals("shop", probe.app());
        assertEquals(Optional.of(pid), probe.pidFile());
        assertFalse(probe.lockHeld());
    }

    @Test
    void probeReportsAHeldAliveLock() throws Exception {
        AppPaths shop = new Home(root).app("shop");
        shop.ensureDirectory();
        try (FileLocks.Held alive = FileLocks.tryAcquire(shop.aliveLock()).orElseThrow()) {
            BusProbe probe = BusProbe.scan(new Home(root)).get(0);
            assertTrue(probe.lockHeld());
            assertEquals(Optional.empty(), probe.pidFile());
        }
    }
}
