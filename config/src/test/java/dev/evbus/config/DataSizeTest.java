package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DataSizeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConfigValueIsAWholeNumberOfBytesOrASizeText() throws Exception {
        assertEquals(4096, DataSize.of(JSON.readTree("4096")));
        assertEquals(64L << 20, DataSize.of(JSON.readTree("\"64MiB\"")));
        assertEquals(100_000_000, DataSize.of(JSON.readTree("\"100MB\"")));
    }

    @Test
    void anythingElseSaysWhatWouldDo() throws Exception {
        assertEquals("must be a size such as \"1MiB\" or a number of bytes",
                assertThrows(IllegalArgumentException.class, () -> DataSize.of(JSON.readTree("true"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataSize.of(JSON.readTree("1.5")));
        assertThrows(IllegalArgumentException.class, () -> DataSize.of(JSON.readTree("\"lots\"")));
    }
}
