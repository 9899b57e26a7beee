package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every console sample of the README and {@code docs/} is checked: run here against a real bus in a
 * private home and compared line by line with what the page shows ({@link SampleSession}), or
 * checked by the test its marker names, or marked as not checked with the reason. The markup is
 * described in docs/internals.md, "Checked console samples".
 */
class DocsSamplesIT {
    private static final Path E2E = Path.of("src/test/java/dev/evbus/cli/e2e");

    @Test
    void everyConsoleSampleIsFencedAsConsoleAndRunHereOrCheckedByANamedTestOrMarkedNotCheckedWithAReason() throws IOException {
        Path root = EvbusRoot.find();
        List<ConsoleSample> samples = ConsoleSample.findAll(root);
        List<String> problems = new ArrayList<>();
        int run = 0;
        for (ConsoleSample sample : samples) {
            if (!sample.info().equals("console")) {
                problems.add(sample.where() + ": a console sample is fenced as ```console, not ```" + sample.info());
            }
            if (sample.notChecked()) {
                if (sample.marker().substring("not checked:".length()).isBlank()) {
                    problems.add(sample.where() + ": `not checked:` says why");
                }
            } else if (!sample.checkedBy().isEmpty()) {
                Path test = root.resolve("cli").resolve(E2E).resolve(sample.checkedBy() + ".java");
                String page = Path.of(sample.page()).getFileName().toString();
                if (!Files.exists(test) || !Files.readString(test).contains(page)) {
                    problems.add(sample.where() + ": `checked by " + sample.checkedBy() + "` names no test that reads " + page);
                }
            } else if (!sample.marker().isEmpty() && sample.setup().isEmpty()) {
                problems.add(sample.where() + ": unknown marker <!-- sample: " + sample.marker() + " -->");
            } else if (sample.lines().isEmpty() || !sample.lines().getFirst().startsWith("$ ")) {
                problems.add(sample.where() + ": an unmarked console sample starts with a `$ ` command this test runs");
            } else {
                run++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(run >= 5, "console samples run here: " + run);
    }

    @TestFactory
    Stream<DynamicTest> eachConsoleSamplePrintsWhatItsPageShows() {
        return ConsoleSample.findAll(EvbusRoot.find()).stream()
                .filter(sample -> !sample.notChecked() && sample.checkedBy().isEmpty())
                .map(sample -> DynamicTest.dynamicTest(sample.where(), () -> {
                    try (Evbus evbus = Evbus.create()) {
                        SampleSession.run(evbus, sample);
                    }
                }));
    }

    @Test
    void aSampleWhoseShownOutputDiffersFromTheRealOneFailsNamingTheCommandAndBothOutputs() throws IOException {
        ConsoleSample sample = new ConsoleSample("docs/example.md", 1, "console", "", List.of(
                "$ evbus keys check examples/enrichment/log-alerts.yaml",
                "examples/enrichment/log-alerts.yaml: ok (key log.alerts, 4 stages)"));
        AssertionError failure;
        try (Evbus evbus = Evbus.create()) {
            failure = assertThrows(AssertionError.class, () -> SampleSession.run(evbus, sample));
        }
        assertTrue(failure.getMessage().contains("`$ evbus keys check examples/enrichment/log-alerts.yaml`"), failure.getMessage());
        assertTrue(failure.getMessage().contains("--- the page shows\nexamples/enrichment/log-alerts.yaml: ok (key log.alerts, 4 stages)"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("--- the command's stdout printed\nexamples/enrichment/log-alerts.yaml: ok (key log.alerts, 3 stages)"),
                failure.getMessage());
    }
}
