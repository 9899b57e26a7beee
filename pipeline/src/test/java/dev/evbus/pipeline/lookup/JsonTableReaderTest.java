package dev.evbus.pipeline.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTableReaderTest {

    @Test
    void anObjectIsKeyedByItsFieldNamesAndTakesNoKeyColumn() throws Exception {
        LookupTable table = JsonTableReader.parse("{\"a\": {\"x\": 1}, \"b\": {\"y\": [2], \"x\": 3}}");
        assertEquals(List.of("x", "y"), table.columns());
        assertEquals("{\"y\":[2],\"x\":3}", table.index(Optional.empty()).get("b").toString());
        assertEquals(Optional.empty(), table.defaultKey());
        assertThrows(TableFormatException.class, () -> table.index(Optional.of("x")));
    }

    @Test
    void anArrayIsIndexedByKeyOrTheColumnNamed() throws Exception {
        LookupTable table = JsonTableReader.parse("[{\"key\": 1, \"v\": \"one\"}, {\"key\": 2, \"v\": \"two\", \"w\": true}]");
        assertEquals(List.of("key", "v", "w"), table.columns());
        assertEquals("two", table.index(Optional.empty()).get("2").get("v").asText());
        assertEquals("element 1: the key column \"w\" has no value",
                assertThrows(TableFormatException.class, () -> JsonTableReader.parse("[{\"w\": 1}, {\"v\": 2}]").index(Optional.of("w"))).getMessage());
    }

    @Test
    void badFilesSayWhereAndWhy() {
        assertEquals("line 2, column 5: not valid JSON: Duplicate field 'a'",
                assertThrows(TableFormatException.class, () -> JsonTableReader.parse("{\"a\": {},\n \"a\": {}}")).getMessage());
        assertEquals("\"a\": must be an object of columns, such as {\"country\": \"DE\"}",
                assertThrows(TableFormatException.class, () -> JsonTableReader.parse("{\"a\": 1}")).getMessage());
        assertEquals("element 0: must be an object of columns",
                assertThrows(TableFormatException.class, () -> JsonTableReader.parse("[1]")).getMessage());
        assertEquals("a JSON table is an object (value → object of columns) or an array of objects",
                assertThrows(TableFormatException.class, () -> JsonTableReader.parse("\"text\"")).getMessage());
    }
}
