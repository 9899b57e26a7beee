package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusRoot;
import java.io.IOException;
import java.nio.file.Path;
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
    @Test
    void everyConsoleSampleIsFencedAsConsoleAndRunHereOrCheckedByANamedTestOrMarkedNotCheckedWithAReason() {
        Path root = EvbusRoot.find();
        List<ConsoleSample> samples = ConsoleSample.findAll(root);
        assertEquals(List.of(), samples.stream().flatMap(sample -> sample.problems(root).stream()).toList());
        long run = samples.stream().filter(ConsoleSample::runHere).count();
        assertTrue(run >= 5, "console samples run here: " + run);
    }

    @Test
    void aConsoleBlockThatIsNeitherRunNorCheckedNorMarkedWithAReasonIsReported() {
        Path root = EvbusRoot.find();
        List<String> page = List.of(
                "```", "$ evbus list", "raw", "```",
                "```console", "# systemctl enable --now evbus@shop", "```",
                "<!-- sample: not checked: -->", "```console", "$ sudo evbus list", "```",
                "<!-- sample: checked by NoSuchIT -->", "```console", "$ evbus list", "```",
                "<!-- sample: skip -->", "```console", "$ evbus list", "```");
        List<String> problems = ConsoleSample.inPage("docs/x.md", page).stream()
                .flatMap(sample -> sample.problems(root).stream()).toList();
        assertEquals(List.of(
                "docs/x.md:1: a console sample is fenced as ```console, not ```",
                "docs/x.md:5: an unmarked console sample starts with a `$ ` command this test runs",
                "docs/x.md:9: `not checked:` says why",
                "docs/x.md:13: `checked by NoSuchIT` names no test that reads x.md",
                "docs/x.md:17: unknown marker <!-- sample: skip -->"), problems);
    }

    @TestFactory
    Stream<DynamicTest> eachConsoleSamplePrintsWhatItsPageShows() {
        return ConsoleSample.findAll(EvbusRoot.find()).stream()
                .filter(ConsoleSample::runHere)
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
