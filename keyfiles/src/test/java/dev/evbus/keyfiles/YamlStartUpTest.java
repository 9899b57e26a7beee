package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a YAML key file, in a fresh JVM, initialises no Jackson parser and so not the JDK's
 * {@code BigDecimal} (20 ms of every command's start-up on JDK 25, decision 0038); a JSON key
 * file, read by Jackson's parser, does (which shows the check sees them where they are used).
 */
class YamlStartUpTest {
    private static final String KEY = """
            key: log.alerts
            description: alerts
            event_types: [log.line]
            params:
              - {name: threshold, type: int, default: 7}
              - {name: ratio, type: string, default: "1.5"}
            stages:
              - filter: '.payload.level >= 7 and .payload.score > 1.5e0'
              - lookup: {field: ip, table: geo.csv}
            """;

    @TempDir
    Path dir;

    @Test
    void readingAYamlKeyFileInitialisesNoJacksonParserNorBigDecimal() throws Exception {
        Path file = Files.writeString(dir.resolve("alerts.yaml"), KEY);
        List<String> initialised = initialised(file, "Optional[log.alerts] Loaded");
        assertEquals(List.of(), initialised.stream()
                .filter(name -> name.startsWith("com.fasterxml.jackson.core.base.Parser") || name.equals("java.math.BigDecimal"))
                .toList());
        assertTrue(initialised.contains(YamlTokens.class.getName()), "the YAML reader ran");
    }

    @Test
    void readingAJsonKeyFileDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("alerts.json"), "{\"key\": \"log.alerts\", \"event_types\": [\"log.line\"]}");
        List<String> initialised = initialised(file, "Optional[log.alerts] Loaded");
        assertTrue(initialised.contains("com.fasterxml.jackson.core.base.ParserMinimalBase"), "Jackson's parser");
        assertTrue(initialised.contains("java.math.BigDecimal"), "BigDecimal");
    }

    /** The classes whose initialiser ran, in a fresh JVM reading {@code file} as {@code consume KEY} does. */
    private List<String> initialised(Path file, String expectedOutput) throws IOException, InterruptedException {
        Files.writeString(dir.resolve("geo.csv"), "ip,country\n");
        Path log = dir.resolve("init.log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+init=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                ReadKeyFileMain.class.getName(), file.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertEquals(expectedOutput, output.strip());
        return Files.readAllLines(log).stream()
                .filter(line -> line.contains(" Initializing '"))
                .map(line -> line.replaceFirst("^.* Initializing '", "").replaceFirst("'.*$", "").replace('/', '.'))
                .toList();
    }
}
