package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * consume --dry-run: the decision (ready or blocked) with every precondition and the error a real
 * run would give, what it would read and write, secret-looking params masked; it starts and
 * writes nothing.
 */
@ExtendWith(EvbusExtension.class)
class DryRunIT {
    private static final String TYPE = "type=audit.*";

    @Test
    void withoutABusItIsReadySaysTheBusWouldStartAndCreatesNothing(Evbus evbus) throws IOException {
        List<String> before = tree(evbus.base());

        CommandResult dry = evbus.run("consume", "raw", "-p", TYPE, "--output-dir", "out", "--dry-run", "--json");

        assertEquals(0, dry.exitCode(), dry.toString());
        JsonNode report = Evbus.parse(dry.stdoutText());
        assertEquals("ready", report.path("status").asText(), dry.toString());
        JsonNode bus = precondition(report, "bus");
        assertEquals("would-start", bus.path("status").asText(), bus.toString());
        assertTrue(bus.path("detail").asText().contains(evbus.appDir().resolve("bus.sock").toString()), bus.toString());
        assertTrue(bus.path("detail").asText().contains(evbus.appDir().resolve("bus.log").toString()), bus.toString());
        assertEquals("ok", precondition(report, "output").path("status").asText());
        assertTrue(precondition(report, "output").path("detail").asText().endsWith("(would be created)"), report.toString());
        assertTrue(report.path("writes").toString().contains(evbus.workDir().resolve("out").toString()), report.toString());
        assertEquals(before, tree(evbus.base()), "a dry run creates no file or directory (no output dir, no bus files)");
        assertFalse(Files.exists(evbus.home().resolve("events")), "no bus was started");
    }

    @Test
    void withARunningBusItIsReadyAndNamesTheBusAndItsSocketAsRead(Evbus evbus) {
        evbus.consumeReady("raw", "-p", TYPE);
        long busPid = evbus.busPid();

        CommandResult dry = evbus.run("consume", "raw", "-p", TYPE, "--durable", "fresh", "--dry-run", "--json");

        assertEquals(0, dry.exitCode(), dry.toString());
        JsonNode report = Evbus.parse(dry.stdoutText());
        assertEquals("ready", report.path("status").asText());
        assertEquals("ok", precondition(report, "bus").path("status").asText());
        assertTrue(precondition(report, "bus").path("detail").asText().contains("pid " + busPid), report.toString());
        assertEquals("\"fresh\": new", precondition(report, "cursor").path("detail").asText());
        assertTrue(report.path("reads").toString().contains(evbus.appDir().resolve("bus.sock").toString()), report.toString());
        assertEquals(1, evbus.awaitConsumers(1).path("consumers").size(), "the dry run never subscribed");
    }

    @Test
    void theTextFormHasOneLinePerPreconditionAndEndsWithWhatItWouldReadAndWrite(Evbus evbus) {
        CommandResult dry = evbus.run("consume", "raw", "-p", TYPE, "--dry-run");

        assertEquals(0, dry.exitCode(), dry.toString());
        assertEquals("consume \"raw\" --dry-run: ready", dry.stdout().get(0));
        assertTrue(dry.stdout().contains("  ok           key: raw (built-in)"), dry.toString());
        assertTrue(dry.stdout().contains("  ok           params: type=audit.*"), dry.toString());
        assertTrue(dry.stdout().stream().anyMatch(line -> line.startsWith("  would-start  bus: not running")), dry.toString());
        assertEquals("  writes       stdout (NDJSON)", dry.stdout().get(dry.stdout().size() - 2), dry.toString());
        assertEquals(List.of(), dry.stderr());
    }

    @Test
    void anUnknownKeyABadParamAndABadJqAreBlockedWithTheErrorARealRunGives(Evbus evbus) {
        List<List<String>> lines = List.of(
                List.of("rwa"),
                List.of("raw", "-p", "nope=1"),
                List.of("raw", "-p", "type=a.*.b"),
                List.of("raw", "--jq", ".["),
                List.of("raw", "--jq", "nosuchfn(1)"));
        List<String> blockedNames = List.of("key", "params", "subscription", "jq", "jq");
        for (int i = 0; i < lines.size(); i++) {
            List<String> args = new ArrayList<>(List.of("consume"));
            args.addAll(lines.get(i));
            CommandResult real = evbus.run(args.toArray(String[]::new));
            args.addAll(List.of("--dry-run", "--json"));
            CommandResult dry = evbus.run(args.toArray(String[]::new));

            assertEquals(2, real.exitCode(), real.toString());
            assertEquals(2, dry.exitCode(), dry.toString());
            JsonNode report = Evbus.parse(dry.stdoutText());
            assertEquals("blocked", report.path("status").asText());
            JsonNode blocked = precondition(report, blockedNames.get(i));
            assertEquals("blocked", blocked.path("status").asText(), report.toString());
            assertEquals(List.of("evbus: " + blocked.path("detail").asText()), real.stderr(),
                    "the dry run gives the error the real run gives\n" + dry);
        }
        assertEquals("skipped", precondition(Evbus.parse(evbus.run("consume", "rwa", "--dry-run", "--json").stdoutText()),
                "params").path("status").asText(), "what needs an unknown key is not checked");
        assertFalse(Files.exists(evbus.home().resolve("events")), "no bus was started by a blocked consume");
    }

    @Test
    void anOutputDirThatCannotBeCreatedIsBlockedAndARealRunRefusesItBeforeTheBus(Evbus evbus) throws IOException {
        Files.writeString(evbus.workDir().resolve("notes"), "a file, not a directory\n");

        CommandResult dry = evbus.run("consume", "raw", "--output-dir", "notes/out", "--dry-run", "--json");
        CommandResult real = evbus.run("consume", "raw", "--output-dir", "notes/out");

        assertEquals(2, dry.exitCode(), dry.toString());
        JsonNode output = precondition(Evbus.parse(dry.stdoutText()), "output");
        assertEquals("blocked", output.path("status").asText());
        assertTrue(output.path("detail").asText().contains("cannot be created"), output.toString());
        assertEquals(2, real.exitCode(), real.toString());
        assertEquals(List.of("evbus: " + output.path("detail").asText()), real.stderr());
        assertFalse(Files.exists(evbus.home().resolve("events")), "refused before a bus was started");
    }

    @Test
    void aDurableCursorInUseIsBlockedWithTheBusRefusalARealRunGets(Evbus evbus) {
        evbus.consumeReady("raw", "-p", TYPE);
        EvbusProcess holder = evbus.consumeReady("raw", "-p", TYPE, "--durable", "audit");

        CommandResult dry = evbus.run("consume", "raw", "-p", TYPE, "--durable", "audit", "--dry-run");
        CommandResult real = evbus.run("consume", "raw", "-p", TYPE, "--durable", "audit");

        assertEquals(2, dry.exitCode(), dry.toString());
        assertEquals("consume \"raw\" --dry-run: blocked", dry.stdout().get(0));
        String cursorLine = dry.stdout().stream().filter(line -> line.startsWith("  blocked      cursor: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no blocked cursor line\n" + dry));
        assertTrue(cursorLine.contains("in use by pid " + holder.pid()), cursorLine);
        assertEquals(2, real.exitCode(), real.toString());
        assertEquals(List.of("evbus: " + cursorLine.substring("  blocked      cursor: ".length())), real.stderr());
        assertEquals(2, evbus.awaitConsumers(2).path("consumers").size(), "the dry run never subscribed");
    }

    @Test
    void aSingleConsumerKeyAlreadyConsumedIsBlocked(Evbus evbus) throws IOException {
        PluginJar.install(evbus);
        EvbusProcess first = evbus.consumeReady("solo");

        CommandResult dry = evbus.run("consume", "solo", "--dry-run", "--json");

        assertEquals(2, dry.exitCode(), dry.toString());
        JsonNode single = precondition(Evbus.parse(dry.stdoutText()), "single-consumer");
        assertEquals("blocked", single.path("status").asText());
        assertTrue(single.path("detail").asText().endsWith("already consumed by pid " + first.pid()), single.toString());
    }

    @Test
    void secretLookingParamsAreMaskedEverywhereTheReportQuotesThem(Evbus evbus) throws IOException {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        Files.writeString(keys.resolve("vault.yaml"), """
                key: vault.audit
                description: Vault audit entries
                event_types: [vault.entry]
                params:
                  - name: api_token
                    required: true
                    description: passed on to the stages
                  - name: Auth_Retries
                    type: int
                    default: 3
                    description: retries
                  - name: region
                    description: not a secret
                """, StandardCharsets.UTF_8);

        CommandResult ready = evbus.run("consume", "vault.audit", "-p", "api_token=s3cr3t-value", "-p", "region=eu-west",
                "--dry-run");
        CommandResult blocked = evbus.run("consume", "vault.audit", "-p", "api_token=s3cr3t-value", "-p",
                "Auth_Retries=hunter22", "--dry-run", "--json");

        assertEquals(0, ready.exitCode(), ready.toString());
        assertTrue(ready.stdout().contains("  ok           params: Auth_Retries=***, api_token=***, region=eu-west"), ready.toString());
        assertEquals(2, blocked.exitCode(), blocked.toString());
        assertEquals("param \"Auth_Retries\" must be a whole number, not \"***\"",
                precondition(Evbus.parse(blocked.stdoutText()), "params").path("detail").asText());
        for (CommandResult result : List.of(ready, blocked)) {
            assertFalse(result.toString().contains("s3cr3t-value"), result.toString());
            assertFalse(result.toString().contains("hunter22"), result.toString());
        }
    }

    private static JsonNode precondition(JsonNode report, String name) {
        for (JsonNode precondition : report.path("preconditions")) {
            if (precondition.path("name").asText().equals(name)) {
                return precondition;
            }
        }
        throw new AssertionError("no precondition " + name + " in " + report);
    }

    /** Every path under {@code dir}, relative, sorted. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(path -> dir.relativize(path).toString()).sorted().toList();
        }
    }
}
