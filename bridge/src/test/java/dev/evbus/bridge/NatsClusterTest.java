package dev.evbus.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.evbus.testkit.NatsServerProcess;
import dev.evbus.testkit.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NatsClusterTest {
    @TempDir
    Path dir;

    @Test
    void aStreamWithThreeReplicasLosesNothingWhenOneServerIsKilledMidStream() throws Exception {
        List<NatsServerProcess> nodes = NatsServerProcess.cluster(dir);
        try {
            List<String> urls = nodes.stream().map(NatsServerProcess::url).toList();
            try (Host a = new Host("host-a", urls, 3); Host b = new Host("host-b", List.of(urls.get(1), urls.get(2), urls.get(0)), 3)) {
                Poll.until(Duration.ofSeconds(40), () -> a.bridge.report().state() == BridgeState.CONNECTED
                        && b.bridge.report().state() == BridgeState.CONNECTED, () -> a + " / " + b);
                a.publish(0, 1500);
                Poll.until(Duration.ofSeconds(30), () -> b.ingest.size() >= 200, b::toString);
                nodes.getFirst().kill();
                a.publish(1500, 1500);
                Poll.until(Duration.ofSeconds(45), () -> b.ingest.size() >= 3000, () -> a + " / " + b);
                Poll.until(Duration.ofSeconds(30), () -> a.bridge.report().backlog() == 0, a::toString);
                assertEquals(3000, b.ingest.size());
                assertEquals(new HashSet<>(Host.ids("host-a", 0, 3000)), new HashSet<>(b.ingest.ids()));
            }
        } finally {
            for (NatsServerProcess node : nodes) {
                node.close();
            }
        }
    }
}
