package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.evbus.bus.log.LogState;
import dev.evbus.protocol.StatusParts;
import org.junit.jupiter.api.Test;

class BusStatusTest {

    @Test
    void theLogsOwnStateBecomesTheStatusFramesLogPartFieldForField() {
        LogState state = new LogState(1, 2, 3, 4, 5, 6, 7, true, 8);
        assertEquals(new StatusParts.LogStatus(1, 2, 3, 4, 5, 6, 7, true, 8), BusStatus.log(state));
        assertEquals(new StatusParts.LogStatus(10, 20, 30, 40, 50, 60, 70, false, 0),
                BusStatus.log(new LogState(10, 20, 30, 40, 50, 60, 70, false, 0)));
    }
}
