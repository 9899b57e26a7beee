package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.config.AppPaths;
import dev.evbus.config.Retention;
import dev.evbus.event.ManualTime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusTickTest {
    @TempDir
    Path home;

    @Test
    void aRoundAgesTheLogByTheClockAndAnEmptySpoolIsNoTrouble() {
        ManualTime clock = new ManualTime();
        try (MemoryHub bus = new MemoryHub(clock)) {
            byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
            bus.events.append("t.x", "e1", "1", payload, 0, payload.length);
            BusTick tick = new BusTick(bus.events, new Cursors(Cursors.Store.NONE, clock),
                    SpoolIntake.into(bus.hub, bus.events, new AppPaths("a", home.resolve("a")), bus.log));

            tick.once();
            assertEquals(1, bus.events.status().events(), "max_age has not passed");

            clock.advance(Retention.DEFAULTS.maxAge().plusSeconds(1));
            tick.once();

            assertEquals(0, bus.events.status().events());
        }
    }
}
