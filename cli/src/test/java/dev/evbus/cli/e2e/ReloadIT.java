package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.testkit.BusSources;
import dev.evbus.testkit.CommandResult;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code evbus reload} and SIGHUP: the running bus re-reads the app's config and restarts only the
 * sources whose section changed, while an attached consumer keeps its connection and goes on
 * receiving; a config that does not load changes nothing.
 */
@ExtendWith(EvbusExtension.class)
class ReloadIT {

    private static Path feed(Evbus evbus, String name, String id) throws IOException {
        return Files.writeString(evbus.base().resolve(name + ".ndjson"),
                "{\"event_type\":\"feed." + name + "\",\"event_id\":\"" + id + "\",\"payload\":{}}\n");
    }

    private static String config(Path file) {
        return "{\"sources\": {\"http\": {\"listen\": \"127.0.0.1:0\"}, \"file\": {\"path\": \"" + file
                + "\", \"start_at\": \"beginning\", \"poll_interval\": \"50ms\"}}}";
    }

    private static String httpAddress(Evbus evbus) {
        return BusSources.of(evbus, "http").path("address").asText();
    }

    /**
     * The HTTP source's address once it is bound: a consumer is ready as soon as the bus answers,
     * and the source binds its port 0 beside that, showing the configured {@code :0} until then.
     */
    private static String boundHttpAddress(Evbus evbus) {
        Poll.until(Poll.PATIENCE, "the http source bound to a port", () -> !httpAddress(evbus).endsWith(":0"),
                () -> httpAddress(evbus));
        return httpAddress(evbus);
    }

    /** A bus with an HTTP source and a file source reading feed a, and a consumer that got a's event. */
    private static EvbusProcess consumerOfFeedA(Evbus evbus) throws IOException {
        evbus.writeAppConfig(config(feed(evbus, "a", "a-1")));
        EvbusProcess consumer = evbus.consumeReady("raw");
        consumer.awaitStdoutContaining("\"a-1\"");
        return consumer;
    }

    @Test
    void aChangedSourceRestartsAloneWhileTheOtherRunsOnAndAConsumerStaysAttached(Evbus evbus) throws IOException {
        Path b = feed(evbus, "b", "b-1");
        EvbusProcess consumer = consumerOfFeedA(evbus);
        String http = boundHttpAddress(evbus);

        evbus.writeAppConfig(config(b));
        CommandResult reload = evbus.run("reload");
        assertEquals(0, reload.exitCode(), reload.toString());
        assertEquals(List.of("reloaded app \"default\": restarted source file"), reload.stdout());

        consumer.awaitStdoutContaining("\"b-1\"");
        assertEquals(http, httpAddress(evbus), "the http source kept its port 0 pick: it was not restarted");
        JsonNode status = evbus.status();
        assertEquals(1, status.path("consumers").size(), status.toString());
        assertEquals(consumer.pid(), status.path("consumers").get(0).path("pid").asLong());
        assertTrue(consumer.isAlive(), consumer.describe());
    }

    @Test
    void aConfigThatDoesNotLoadChangesNothingByReloadOrSighupAndTheReasonIsPrintedAndLogged(Evbus evbus) throws Exception {
        Path a = feed(evbus, "a", "a-1");
        evbus.writeAppConfig(config(a));
        EvbusProcess consumer = evbus.consumeReady("raw");
        String http = boundHttpAddress(evbus);

        evbus.writeAppConfig("{\"sources\": {\"htp\": {}}}");
        CommandResult reload = evbus.run("reload");
        assertEquals(2, reload.exitCode(), reload.toString());
        assertEquals(1, reload.stderr().size(), reload.toString());
        assertTrue(reload.stderr().get(0).startsWith("evbus: reload refused, the bus runs on as it was: ")
                && reload.stderr().get(0).contains("sources.htp: unknown source kind"), reload.toString());
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("WARN reload asked by")
                && line.contains("unknown source kind")), String.join("\n", evbus.busLogLines()));

        assertEquals(http, httpAddress(evbus));
        evbus.publish("after.refusal", "x-1", "{}");
        consumer.awaitStdoutContaining("\"x-1\"");

        // The same refusal by SIGHUP: logged, and nothing changes either.
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(evbus.busPid())).start().waitFor());
        Poll.until(Poll.PATIENCE, "the SIGHUP's refusal in bus.log", () -> evbus.busLogLines().stream()
                .anyMatch(line -> line.contains("WARN reload asked by signal SIGHUP refused")));
        assertEquals(http, httpAddress(evbus));
        evbus.publish("after.sighup", "x-2", "{}");
        consumer.awaitStdoutContaining("\"x-2\"");
    }

    @Test
    void sighupToTheBusReloadsAsEvbusReloadDoes(Evbus evbus) throws Exception {
        Path b = feed(evbus, "b", "b-1");
        EvbusProcess consumer = consumerOfFeedA(evbus);

        evbus.writeAppConfig(config(b));
        assertEquals(0, new ProcessBuilder("kill", "-HUP", Long.toString(evbus.busPid())).start().waitFor());
        consumer.awaitStdoutContaining("\"b-1\"");
        assertTrue(evbus.busLogLines().stream().anyMatch(line -> line.contains("reloaded (asked by signal SIGHUP): restarted [source file]")),
                String.join("\n", evbus.busLogLines()));
        assertEquals(1, evbus.status().path("consumers").size());
    }

    @Test
    void aBusStartedWithSighupIgnoredSaysInItsLogThatSighupWillNotReloadIt(Evbus evbus) throws Exception {
        // what nohup does: an ignored SIGHUP stays ignored in the consumer and the bus it forks
        EvbusProcess consumer = evbus.shell("trap '' HUP; exec '" + evbus.launcher() + "' consume raw --timeout 1ms");
        assertEquals(0, consumer.awaitExit());
        Poll.until(Poll.PATIENCE, "the bus's warning that SIGHUP is ignored", () -> evbus.busLogLines().stream()
                .anyMatch(line -> line.contains("WARN SIGHUP is ignored in this process") && line.contains("evbus reload")));
    }

    @Test
    void aServedPipelineWhoseKeyFileChangedIsRestartedByAReloadAndOnlyThen(Evbus evbus) throws Exception {
        Path keys = Files.createDirectories(evbus.home().resolve("keys"));
        Path key = keys.resolve("tagged.yaml");
        Files.writeString(key, "key: tagged\nevent_types: [\"*\"]\nstages:\n  - set: {fields: {tag: '\"v1\"'}}\n");
        evbus.writeAppConfig("{\"retention\": {\"durable\": true}, \"pipelines\": [{\"name\": \"tagger\", \"key\": \"tagged\"}]}");
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining("pipeline tagger (key tagged) started");

        CommandResult unchanged = evbus.run("reload");
        assertEquals(List.of("reloaded app \"default\": nothing to restart"), unchanged.stdout(), unchanged.toString());

        Files.writeString(key, "key: tagged\nevent_types: [\"*\"]\nstages:\n  - set: {fields: {tag: '\"v2\"', n: '1'}}\n");
        CommandResult changed = evbus.run("reload");
        assertEquals(0, changed.exitCode(), changed.toString());
        assertEquals(List.of("reloaded app \"default\": restarted pipeline tagger"), changed.stdout(), changed.toString());
        serve.terminate();
        assertEquals(0, serve.awaitExit(), serve.describe());
    }
}
