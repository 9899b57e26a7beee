package dev.evbus.bus.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMetricsTest {

    private static String collect(Path self) {
        Exposition out = new Exposition();
        new ProcessMetrics(self).collect(out);
        return out.text();
    }

    @Test
    void residentMemoryDescriptorsAndThreadsComeFromProcfsInBaseUnits(@TempDir Path self) throws IOException {
        Files.writeString(self.resolve("status"), "Name:\tjava\nVmRSS:\t   51200 kB\nThreads:\t9\n");
        Files.writeString(self.resolve("limits"), "Limit                     Soft Limit           Hard Limit           Units\n"
                + "Max open files            20000                524288               files\n");
        for (String dir : new String[] {"fd", "task"}) {
            Files.createDirectories(self.resolve(dir));
            for (int i = 0; i < 3; i++) {
                Files.createFile(self.resolve(dir).resolve(Integer.toString(i)));
            }
        }

        String text = collect(self);

        assertTrue(text.contains("process_resident_memory_bytes 52428800\n"), text);
        assertTrue(text.contains("process_open_fds 3\n"), text);
        assertTrue(text.contains("process_threads 3\n"), text);
        assertTrue(text.contains("process_max_fds 20000\n"), text);
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"} "), text);
    }

    @Test
    void figuresTheSystemDoesNotOfferAreLeftOutNotMadeUp(@TempDir Path empty) {
        String text = collect(empty.resolve("missing"));

        assertFalse(text.contains("process_resident_memory_bytes"), text);
        assertFalse(text.contains("process_open_fds"), text);
        assertTrue(text.contains("jvm_memory_committed_bytes{area=\"heap\"} "), text);
    }
}
