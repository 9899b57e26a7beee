package dev.evbus.bus.served;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.evbus.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelinesConfigTest {
    @TempDir
    Path dir;

    private List<PipelineSpec> load(String json, boolean durable) throws IOException {
        return PipelinesConfig.load(Files.writeString(dir.resolve("app.json"), json), durable);
    }

    private String refusal(String json, boolean durable) {
        return assertThrows(ConfigException.class, () -> load(json, durable)).getMessage();
    }

    @Test
    void aPipelineIsANameAKeyAndParamsWhoseValuesAreText() throws IOException {
        List<PipelineSpec> specs = load("{\"pipelines\": [{\"name\": \"recipe\", \"key\": \"events.processed\","
                + " \"params\": {\"webhook\": \"http://h/x\", \"attempts\": 3}}]}", true);
        assertEquals(List.of(new PipelineSpec("recipe", "events.processed", Map.of("webhook", "http://h/x", "attempts", "3"))),
                specs);
        assertEquals("pipeline.recipe", specs.get(0).cursor());
        assertEquals(List.of("events.processed", "--durable", "pipeline.recipe", "--since", "all", "--quiet",
                "-p", "attempts=3", "-p", "webhook=http://h/x"), specs.get(0).consumeArguments());
    }

    @Test
    void noFileOrNoSectionIsNoPipeline() throws IOException {
        assertEquals(List.of(), PipelinesConfig.load(dir.resolve("none.json"), false));
        assertEquals(List.of(), load("{\"retention\": {}}", false));
    }

    @Test
    void mistakesAreRefusedNamingTheFieldAndAnInMemoryLogIsRefused() {
        assertEquals(dir.resolve("app.json") + ": pipelines: need a durable log, so that a restarted bus resumes each after"
                + " its last completed event: set \"retention\": {\"durable\": true}",
                refusal("{\"pipelines\": [{\"name\": \"a\", \"key\": \"k\"}]}", false));
        assertEquals(dir.resolve("app.json") + ": pipelines[1].name: \"a\" is given twice",
                refusal("{\"pipelines\": [{\"name\": \"a\", \"key\": \"k\"}, {\"name\": \"a\", \"key\": \"j\"}]}", true));
        assertEquals(dir.resolve("app.json") + ": pipelines[0].kye: unknown field (fields: key, name, params)",
                refusal("{\"pipelines\": [{\"name\": \"a\", \"kye\": \"k\"}]}", true));
        assertEquals(dir.resolve("app.json") + ": pipelines[0].name: must be 1 to 64 of A-Z a-z 0-9 . _ - starting with a"
                + " letter or digit", refusal("{\"pipelines\": [{\"name\": \"../x\", \"key\": \"k\"}]}", true));
        assertEquals(dir.resolve("app.json") + ": pipelines[0].params.p: must be a string, number or boolean",
                refusal("{\"pipelines\": [{\"name\": \"a\", \"key\": \"k\", \"params\": {\"p\": [1]}}]}", true));
    }
}
