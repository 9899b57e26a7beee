package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a bus does on a forking consumer's way to its ready line (decision 0004): it runs
 * interpreted there, so a class generated at run time costs it the JDK's class-file API.
 */
@ExtendWith(EvbusExtension.class)
class BusStartPathIT {

    @Test
    void aForkedBusServesItsFirstConsumerWithoutGeneratingATypeSwitchClass(Evbus evbus) throws IOException {
        Path classLoads = evbus.workDir().resolve("bus-class-load.log");
        evbus.env("EVBUS_BUS_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLoads);
        EvbusProcess consumer = evbus.start("consume", "raw", "--since", "all");
        consumer.awaitReady();
        // stopped, so the JVM's log is complete; what the consumer's hello and start position made
        // the bus load was loaded before the consumer could print its ready line
        assertEquals(0, evbus.run("stop", "--force").exitCode());
        List<String> loaded = Files.readAllLines(classLoads);
        assertTrue(loaded.stream().anyMatch(line -> line.contains(" dev.evbus.bus.BusServer ")),
                "the log is the bus's: " + loaded.size() + " lines");
        List<String> generated = loaded.stream()
                .filter(line -> line.contains("dev.evbus.bus.BusServer$$TypeSwitch") || line.contains("dev.evbus.bus.StartPosition$$TypeSwitch"))
                .toList();
        assertEquals(List.of(), generated);
        assertEquals(1, consumer.awaitExit(), consumer.describe()); // bus_lost, as a forced stop leaves it
    }
}
