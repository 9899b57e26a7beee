package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import dev.evbus.testkit.Poll;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Only the bus's own OS user may talk to it. The 0700 directories keep others out in practice;
 * this test opens them up so that the peer-credential check is the only thing left standing.
 */
@ExtendWith(EvbusExtension.class)
class PeerCredentialsIT {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String NOBODY = "65534";
    private static final String CLIENT = String.join("\n",
            "import socket, sys",
            "s = socket.socket(socket.AF_UNIX)",
            "s.connect(sys.argv[1])",
            "s.settimeout(10)",
            "try:",
            "    s.sendall(b'{\"type\":\"status_query\"}\\n')",
            "    print('REPLY' if s.recv(65536) else 'CLOSED')",
            "except (ConnectionResetError, BrokenPipeError):",  // closed before or with our query unread
            "    print('CLOSED')");

    @Test
    void connectionFromAnotherUserIsClosedUnansweredWhileTheOwnerIsServed(Evbus evbus) throws Exception {
        // Acting as another OS user needs root, setpriv (util-linux) and python3: the suite runs as
        // root where it is checked (CI included), so a missing one is a failure, not a skip.
        assertTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "this test needs root to act as another user (run bin/test as root)");
        assertTrue(Files.isExecutable(SETPRIV), "this test needs " + SETPRIV + " (package util-linux)");
        assertTrue(Files.isExecutable(PYTHON), "this test needs " + PYTHON + " (package python3)");
        EvbusProcess consumer = evbus.consumeReady("raw");
        for (Path dir = evbus.appDir(); !dir.equals(evbus.base().getParent()); dir = dir.getParent()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Path socket = evbus.appDir().resolve("bus.sock");
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertEquals("REPLY", client(List.of(), socket), "the owner gets an answer");
        assertEquals("CLOSED", client(List.of(SETPRIV.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
                "--clear-groups"), socket), "another user reaches the socket but gets nothing");

        Poll.until(Poll.PATIENCE, "the refusal in bus.log", () -> evbus.busLogLines().stream()
                .anyMatch(line -> line.contains("refused a connection from uid " + NOBODY)));
        evbus.publish("after.refusal", "r-1", "{}");
        consumer.awaitStdoutContaining("\"event_id\":\"r-1\"");
    }

    private static String client(List<String> asUser, Path socket) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asUser);
        command.addAll(List.of(PYTHON.toString(), "-c", CLIENT, socket.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "client did not finish");
        return output;
    }
}
