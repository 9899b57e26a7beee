package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A single-consumer key admits one consumer at a time and tells the second who holds it. */
@ExtendWith(EvbusExtension.class)
class SingleConsumerIT {

    @Test
    void secondConsumerOfASingleConsumerKeyExitsTwoNamingTheFirstConsumersPid(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        EvbusProcess first = evbus.consumeReady("solo");

        EvbusProcess second = evbus.consume("solo");
        assertEquals(2, second.awaitExit(), second.describe());
        assertEquals(List.of("evbus: the bus refused this consumer: key \"solo\" is single-consumer and already consumed by pid "
                + first.pid()), second.stderr());
        assertEquals(List.of(), second.stdout());
        assertTrue(first.isAlive(), first.describe());

        first.terminate();
        assertEquals(0, first.awaitExit(), first.describe());
        EvbusProcess third = evbus.consumeReady("solo");
        assertTrue(third.isAlive(), "the key is free again once its consumer left: " + third.describe());
    }
}
