package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON warm-up starts for the lines that parse with Jackson and for no other, and the line
 * that does not, {@code publish}, really initialises no Jackson parser to check {@code --data}.
 */
class WarmUpTest {

    @Test
    void keyFilesAndJqWarmUpJacksonsJdkClassesAndTheFrameOnlyCommandsDoNot() {
        assertEquals(WarmUp.JsonTask.PARSERS, task("list"));
        assertEquals(WarmUp.JsonTask.PARSERS, task("--app a list --names"));
        assertEquals(WarmUp.JsonTask.PARSERS_AND_MAPPERS, task("consume log.alerts"));
        assertEquals(WarmUp.JsonTask.PARSERS_AND_MAPPERS, task("consume log.alerts -p threshold=3 --timeout 5s"));
        assertEquals(WarmUp.JsonTask.PARSERS_AND_MAPPERS, task("consume raw --jq .payload"));
        for (String line : List.of("consume raw", "consume raw -p type=a.* --since 5m", "publish t --data {}",
                "publish --stdin", "status", "stop --all", "--version")) {
            assertNull(task(line), line);
        }
        assertNull(WarmUp.jsonTask(null), "a line left to picocli");
    }

    @Test
    void checkingAnEventsDataInitialisesNoJacksonParser(@TempDir Path dir) throws Exception {
        // No bus runs there: the event is checked, then refused for want of a bus (exit 2).
        List<String> initialised = LoadedClasses.initialised(dir, ExitCodes.BAD_INPUT, Main.class.getName(),
                "publish", "t.one", "--data", " {\"n\":[1,2.5e3,\"x\\u00e9\"],\"ok\":true,\"z\":null}\n");
        assertEquals(List.of(), initialised.stream()
                .filter(name -> name.startsWith("com.fasterxml.jackson.core.base.Parser") || name.equals("java.math.BigDecimal"))
                .toList());
        // the check sees them where they are used: data the validator is not certain of goes to Jackson
        assertTrue(LoadedClasses.initialised(dir, ExitCodes.BAD_INPUT, Main.class.getName(), "publish", "t.one", "--data", "{]")
                .contains("java.math.BigDecimal"));
    }

    private static WarmUp.JsonTask task(String line) {
        return WarmUp.jsonTask(FastArgs.parse(FastArgsTest.words(line).toArray(String[]::new)));
    }
}
