package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shipped systemd unit as the docs install it: {@code systemd-analyze verify} accepts it
 * without a single warning once evbus sits at its prefix, and the docs show that very file.
 */
@ExtendWith(EvbusExtension.class)
class SystemdUnitIT {
    private static final String PREFIX = "/opt/evbus";

    @Test
    void theUnitPassesSystemdAnalyzeVerifyWhenEvbusIsInstalledAtItsPrefix(Evbus evbus) throws Exception {
        String unit = Files.readString(evbus.root().resolve("dist/systemd/evbus@.service"));
        assertTrue(unit.contains("ExecStart=" + PREFIX + "/bin/evbus serve --app %i"), unit);
        // The test cannot write to /opt: this checkout stands in for the installed tree, same layout.
        Path dir = Files.createDirectories(evbus.base().resolve("units"));
        Path instance = Files.writeString(dir.resolve("evbus@shop.service"), unit.replace(PREFIX, evbus.root().toString()));
        Process verify = new ProcessBuilder(systemdAnalyze(), "verify", instance.toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, verify.waitFor(), output);
        assertEquals("", output.strip(), "no warning either (unknown keys are only warned about)");
    }

    @Test
    void theDocsShowTheShippedUnitByteForByte(Evbus evbus) throws IOException {
        String unit = Files.readString(evbus.root().resolve("dist/systemd/evbus@.service"));
        String docs = Files.readString(evbus.root().resolve("docs/operations.md"));
        assertTrue(docs.contains("```ini\n" + unit + "```"), "docs/operations.md shows dist/systemd/evbus@.service");
    }

    /** CI installs Debian's systemd package for this; a machine without it fails here rather than skip. */
    private static String systemdAnalyze() {
        for (String candidate : List.of("/usr/bin/systemd-analyze", "/bin/systemd-analyze")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError("systemd-analyze is missing: install Debian's systemd package (.ci/run does)");
    }
}
