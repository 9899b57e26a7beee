package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.evbus.event.APIClient;
import dev.evbus.event.ApiException;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.Params;
import dev.evbus.pipeline.LoadedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key file's pre_consume and cleanup run as calls to the app's API, shaped by the subscription's params. */
class ApiCallTest {
    @TempDir
    Path dir;

    /** Records each call as {@code METHOD PATH BODY}. */
    private static final class RecordingApi implements APIClient {
        final List<String> calls = new ArrayList<>();

        @Override
        public String app() {
            return "test";
        }

        @Override
        public AuthType identity() {
            return AuthType.USER;
        }

        @Override
        public JsonNode call(String method, String path, JsonNode body) {
            calls.add(method + " " + path + " " + body);
            return NullNode.getInstance();
        }
    }

    private KeyDefinition key(String hooks) throws IOException {
        Path file = Files.writeString(dir.resolve("hooks.yaml"), """
                key: hooked
                event_types: [a]
                params:
                  - {name: room, required: true, subscription_key: true}
                  - {name: size, type: int, default: 3}
                """ + hooks);
        return ((KeyFile.Loaded) new KeyFileReader(TestStages.library(), new LoadedFiles()).read(file)).key();
    }

    @Test
    void preConsumeComputesItsPathAndBodyWithJqOverTheParams() throws Exception {
        KeyDefinition key = key("""
                pre_consume: {method: post, path: '"/rooms/" + $params.room', body: '{room: $params.room, size: $params.size}'}
                cleanup: {method: DELETE, path: '/rooms/${room}'}
                """);
        RecordingApi api = new RecordingApi();
        Params params = Params.of(Map.of("room", "r1", "size", "5"));
        key.preConsume().run(api, params);
        key.cleanup().run(api, params);
        assertEquals(List.of("POST /rooms/r1 {\"room\":\"r1\",\"size\":5}", "DELETE /rooms/r1 null"), api.calls);
    }

    @Test
    void aPathExpressionThatGivesNoStringFailsTheHookWithoutACall() throws Exception {
        KeyDefinition key = key("cleanup: {path: '$params.size'}\n");
        RecordingApi api = new RecordingApi();
        ApiException failed = assertThrows(ApiException.class, () -> key.cleanup().run(api, Params.of(Map.of("size", "4"))));
        assertEquals("cleanup: path $params.size gave 4, expected a string", failed.getMessage());
        assertEquals(List.of(), api.calls);
    }
}
