package dev.evbus.consume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KeyPipelineTest {
    @Test
    void aProblemsPointerIsNamedAsAKeyFileReaderWritesTheField() {
        assertEquals("stages[0].geoip.database", KeyPipeline.field("/stages/0/geoip/database"));
        assertEquals("stages[3].route.routes[1].stages[0].http.url",
                KeyPipeline.field("/stages/3/route/routes/1/stages/0/http/url"));
        assertEquals("stages[1].set.fields.a/b", KeyPipeline.field("/stages/1/set/fields/a~1b"));
    }
}
