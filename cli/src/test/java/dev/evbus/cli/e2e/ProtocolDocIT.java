package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The {@code socat} examples of {@code docs/protocol.md}, run as written against a real bus: a
 * client written from that page alone subscribes, publishes and gets what the page shows.
 * socat is one of the packages the build installs (.ci/run); without it this test fails.
 */
@ExtendWith(EvbusExtension.class)
class ProtocolDocIT {

    /** The {@code sh} block after {@code <!-- example: NAME -->}, and the {@code json} block after that (or ""). */
    private record Example(String script, String output) {
        static Example of(String doc, String name) {
            Matcher m = Pattern.compile("<!-- example: " + name + " -->\\n```sh\\n(.*?)```\\n", Pattern.DOTALL).matcher(doc);
            if (!m.find()) {
                throw new AssertionError("docs/protocol.md has no example " + name);
            }
            int next = doc.indexOf("<!-- example", m.end());
            String rest = doc.substring(m.end(), next < 0 ? doc.length() : next);
            Matcher output = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(rest);
            return new Example(m.group(1), output.find() ? output.group(1) : "");
        }

        List<String> outputLines() {
            return output.lines().toList();
        }
    }

    private static String doc(Evbus evbus) {
        try {
            return Files.readString(evbus.root().resolve("docs/protocol.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDocumentedSocatCommandsSubscribeAndPublishAndPrintWhatThePageShows(Evbus evbus) {
        String doc = doc(evbus);
        Example socket = Example.of(doc, "socket");
        Example subscribe = Example.of(doc, "subscribe");
        Example publish = Example.of(doc, "publish");
        assertEquals(2, subscribe.outputLines().size(), subscribe.output());
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining("serving in the foreground");
        // the page's commands call `evbus` by name, as a user with it on PATH would
        String setup = "export PATH=" + evbus.launcher().getParent() + ":$PATH\n" + socket.script();

        EvbusProcess subscriber = evbus.shell(setup + subscribe.script());
        subscriber.awaitStdoutContaining("\"hello_ack\"");
        assertEquals(subscribe.outputLines().getFirst(), subscriber.stdout().getFirst(), subscriber.describe());

        EvbusProcess publisher = evbus.shell(setup + publish.script());
        assertEquals(0, publisher.awaitExit(), publisher.describe());
        assertEquals(publish.outputLines(), publisher.stdout(), publisher.describe());

        subscriber.awaitStdoutLines(2);
        assertEquals(subscribe.outputLines(), subscriber.stdout(), subscriber.describe());
        subscriber.closeStdin(); // Ctrl-D: cat ends, socat closes, the consumer leaves
        assertEquals(0, subscriber.awaitExit(), subscriber.describe());
        Poll.until(Poll.PATIENCE, "the consumer to be gone", () -> evbus.status().path("consumers").isEmpty());
    }

    @Test
    void aHelloMissingOrMangledAFieldIsAnsweredWithAnErrorFrameNamingItAndNoAdviceToStopTheBus(Evbus evbus)
            throws IOException {
        EvbusProcess serve = evbus.start("serve");
        serve.awaitStderrContaining("serving in the foreground");
        Path sock = Path.of(evbus.status().path("socket").asText());
        String good = "\"version\":\"0.1.0\",\"event_key\":\"raw\",\"subscription_id\":\"raw\",\"event_types\":[\"order.*\"]";
        record Case(String hello, String error) {
        }
        for (Case c : List.of(
                new Case("{\"type\":\"hello\",\"pid\":1}",
                        "hello: field version is missing; send the protocol version this bus speaks, \\\"0.1.0\\\""),
                new Case("{\"type\":\"hello\"," + good.replace("0.1.0", "one") + "}",
                        "hello: field version \\\"one\\\" is not MAJOR.MINOR.PATCH; send \\\"0.1.0\\\", the protocol version this bus speaks"),
                new Case("{\"type\":\"hello\"," + good.replace("\"0.1.0\"", "1") + "}", "bad hello frame: field version must be a string"),
                new Case("{\"type\":\"hello\"," + good.replace(",\"event_key\":\"raw\"", "") + "}",
                        "hello: field event_key is missing; name the key subscribed to, such as \\\"raw\\\""),
                new Case("{\"type\":\"hello\"," + good.replace(",\"subscription_id\":\"raw\"", "") + "}",
                        "hello: field subscription_id is missing; "),
                new Case("{\"type\":\"hello\"," + good.replace("[\"order.*\"]", "[]") + "}",
                        "hello: field event_types is missing or empty; "),
                new Case("{\"type\":\"hello\"," + good.replace("[\"order.*\"]", "\"order.*\"") + "}",
                        "bad hello frame: field event_types must be an array of strings"),
                new Case("{\"type\":\"hello\"," + good.replace("[\"order.*\"]", "[\"a*b\"]") + "}",
                        "hello: field event_types[0] \\\"a*b\\\": '*' may only end an event type pattern"),
                new Case("{\"type\":\"hello\"," + good + ",\"pid\":\"me\"}", "bad hello frame: field pid must be a whole number"))) {
            try (RawBusConnection connection = RawBusConnection.open(sock)) {
                connection.send(c.hello() + "\n");
                String answer = connection.readUntilClosed(Poll.PATIENCE);
                assertTrue(answer.startsWith("{\"type\":\"error\",\"message\":\"" + c.error()), c.hello() + " -> " + answer);
                assertTrue(!answer.contains("stop this bus"), answer);
            }
        }
        assertEquals("running", evbus.status().path("state").asText());
    }
}
