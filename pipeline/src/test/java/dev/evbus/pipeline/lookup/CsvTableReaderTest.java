package dev.evbus.pipeline.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvTableReaderTest {

    @Test
    void readsQuotedFieldsWithCommasLineBreaksAndDoubledQuotes() throws Exception {
        LookupTable.Rows table = CsvTableReader.parse("\uFEFFip,city,note\r\n"
                + "1.2.3.4,\"Berlin, DE\",\"says \"\"hi\"\"\"\r\n"
                + "\n"
                + "5.6.7.8,,\"two\nlines\"\n");
        assertEquals(List.of("ip", "city", "note"), table.columns());
        assertEquals("{\"ip\":\"1.2.3.4\",\"city\":\"Berlin, DE\",\"note\":\"says \\\"hi\\\"\"}", table.rows().get(0).toString());
        assertEquals("{\"ip\":\"5.6.7.8\",\"city\":\"\",\"note\":\"two\\nlines\"}", table.rows().get(1).toString());
        assertEquals(List.of("line 2", "line 4"), table.places());
        assertEquals(Optional.of("ip"), table.defaultKey());
    }

    @Test
    void aFileWithoutAFinalLineBreakReadsItsLastRecord() throws Exception {
        assertEquals(2, CsvTableReader.parse("k,v\na,1\nb,2").rows().size());
        assertEquals("{\"k\":\"a\",\"v\":\"\"}", CsvTableReader.parse("k,v\na,").rows().get(0).toString());
    }

    @Test
    void malformedRecordsNameTheirLine() {
        assertEquals("line 3: 3 fields, but the header has 2 columns",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,v\na,1\nb,2,3\n")).getMessage());
        assertEquals("line 4: 1 field, but the header has 2 columns",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,v\n\"a\nb\",1\nc\n")).getMessage());
        assertEquals("line 2: a quote inside an unquoted field (quote the whole field and write a quote in it as \"\")",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,v\na\"b,1\n")).getMessage());
        assertEquals("line 2: text after a closing quote (a quote inside a quoted field is written twice: \"\")",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,v\n\"a\"b,1\n")).getMessage());
        assertEquals("line 2: a quoted field is never closed",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,v\n\"a,1\nb,2\n")).getMessage());
    }

    @Test
    void theHeaderMustNameEveryColumnOnce() {
        assertEquals("line 1: the header names column \"k\" twice",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("k,k\n")).getMessage());
        assertEquals("line 2: column 2 of the header has no name",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("\nk,\n")).getMessage());
        assertEquals("the file is empty; a CSV table starts with a header row naming its columns",
                assertThrows(TableFormatException.class, () -> CsvTableReader.parse("\r\n\n")).getMessage());
    }

    @Test
    void anIndexRefusesADuplicateKeyNamingBothLines() throws Exception {
        LookupTable table = CsvTableReader.parse("k,v\na,1\nb,2\na,3\n");
        assertEquals("line 4: key \"a\" again (first at line 2); each value may have one row",
                assertThrows(TableFormatException.class, () -> table.index(Optional.empty())).getMessage());
        assertEquals("{\"k\":\"b\",\"v\":\"2\"}", table.index(Optional.of("v")).get("2").toString());
        assertEquals("the table has no column \"x\" to look values up in (columns: k, v)",
                assertThrows(TableFormatException.class, () -> table.index(Optional.of("x"))).getMessage());
    }
}
