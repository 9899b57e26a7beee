package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.bus.log.LogStorage;
import dev.evbus.bus.log.RetentionLog;
import dev.evbus.event.AppPaths;
import dev.evbus.event.ManualTime;
import dev.evbus.event.Retention;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusTickTest {
    @TempDir
    Path home;

    @Test
    void aRoundAgesTheLogByTheClockAndAnEmptySpoolIsNoTrouble() throws Exception {
        ManualTime clock = new ManualTime();
        BusLog log = BusLog.to(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try (RetentionLog events = RetentionLog.open(new Retention(4 << 20, Duration.ofMinutes(1), false),
                LogStorage.MEMORY, clock)) {
            byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
            events.append("t.x", "e1", "1", payload, 0, payload.length);
            BusTick tick = new BusTick(events, new Cursors(Cursors.Store.NONE, clock),
                    SpoolIntake.into(null, events, new AppPaths("a", home.resolve("a")), log));

            tick.once();
            assertEquals(1, events.status().events(), "a minute has not passed");

            clock.advance(Duration.ofMinutes(1).plusSeconds(1));
            tick.once();

            assertEquals(0, events.status().events());
        }
    }
}
