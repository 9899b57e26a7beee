package dev.evbus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BusMonitoringTest {

    @Test
    void aBusIsNotReadyUntilTheDaemonSaysItsSourcesHaveStarted() {
        try (BusMonitoring monitoring = new BusMonitoring()) {
            assertFalse(monitoring.ready(), "a bus starting is not ready");
            assertEquals("", monitoring.metrics(), "nothing to show before the bus takes connections");

            monitoring.markReady();

            assertTrue(monitoring.ready());
        }
    }
}
