package dev.evbus.pipeline.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.evbus.pipeline.StageHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookupStageTest {
    @TempDir
    Path dir;

    private StageHarness harness() {
        return new StageHarness(dir);
    }

    @Test
    void withoutFieldsEveryColumnButTheKeyIsAppendedInTheTablesOrder() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "city,ip,country\nBerlin,1.1.1.1,DE\n");
        StageHarness h = harness().compile("[{'lookup': {'field': 'src.ip', 'table': 't.csv', 'key': 'ip'}}]");
        h.send("{'src': {'ip': '1.1.1.1'}}").send("{'src': {'ip': '2.2.2.2'}}");
        assertEquals(List.of("{\"src\":{\"ip\":\"1.1.1.1\"},\"city\":\"Berlin\",\"country\":\"DE\"}",
                "{\"src\":{\"ip\":\"2.2.2.2\"},\"city\":null,\"country\":null}"), h.lines());
    }

    @Test
    void intoPutsTheColumnsUnderOnePathAndAnExistingFieldKeepsItsPlace() throws Exception {
        Files.writeString(dir.resolve("t.json"), "[{\"id\": 7, \"name\": \"ann\", \"tags\": [\"a\"]}]");
        StageHarness h = harness().compile("[{'lookup': {'field': 'user', 'table': 't.json', 'key': 'id', 'into': 'meta.profile'}},"
                + " {'lookup': {'field': 'user', 'table': 't.json', 'key': 'id', 'fields': ['name']}}]");
        h.send("{'name': 'old', 'user': 7}");
        assertEquals(List.of("{\"name\":\"ann\",\"user\":7,\"meta\":{\"profile\":{\"name\":\"ann\",\"tags\":[\"a\"]}}}"), h.lines());
    }

    @Test
    void aMissingOrNestedFieldFailsTheItemAndTheDefaultOnErrorSkipsIt() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "ip,c\n1,x\n");
        StageHarness h = harness().compile("[{'lookup': {'field': 'ip', 'table': 't.csv'}}]");
        h.send("{}").send("{'ip': null}").send("{'ip': {}}").send("[1]").send("{'ip': 1}");
        assertEquals(List.of("{\"ip\":1,\"c\":\"x\"}"), h.lines());
        assertEquals(List.of("/stages/0/lookup failed: field \"ip\" is missing", "/stages/0/lookup failed: field \"ip\" is null",
                "/stages/0/lookup failed: field \"ip\" is an object, expected a string, number or boolean",
                "/stages/0/lookup failed: field \"ip\" is missing"), h.warnings);
        assertEquals(4, h.counters().failed());
    }

    @Test
    void aTableIsLoadedOncePerProcessAndSharedByStages() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "k,v\na,1\n");
        StageHarness h = harness();
        var context = h.context();
        LookupTable first = context.files().get(dir.resolve("t.csv"), LookupTable.class, LookupTable::load).orElseThrow();
        Files.writeString(dir.resolve("t.csv"), "k,v\na,2\n");
        h.compile("[{'lookup': {'field': 'k', 'table': 't.csv'}}, {'lookup': {'field': 'k', 'table': '" + dir.resolve("t.csv") + "', 'fields': ['v'], 'into': 'again'}}]");
        h.send("{'k': 'a'}");
        assertEquals(List.of("{\"k\":\"a\",\"v\":\"1\",\"again\":{\"v\":\"1\"}}"), h.lines());
        assertSame(first, context.files().get(dir.resolve("t.csv"), LookupTable.class, LookupTable::load).orElseThrow());
    }

    @Test
    void aTableNamedThroughAParamResolvesAgainstTheWorkingDirectory() throws Exception {
        Path table = Files.createTempFile(Path.of("").toAbsolutePath().resolve("target"), "lookup", ".csv");
        try {
            Files.writeString(table, "k,v\na,1\n");
            String relative = Path.of("").toAbsolutePath().relativize(table).toString();
            StageHarness h = harness().param("table", relative, TextNode.valueOf(relative))
                    .compile("[{'lookup': {'field': 'k', 'table': '${table}'}}]");
            h.send("{'k': 'a'}");
            assertEquals(List.of("{\"k\":\"a\",\"v\":\"1\"}"), h.lines());
            assertEquals(List.of("/stages/0/lookup/table: no such file: " + dir.resolve(relative)),
                    harness().problemLines("[{'lookup': {'field': 'k', 'table': '" + relative + "'}}]"));
        } finally {
            Files.delete(table);
        }
    }

    @Test
    void aTableNamedByAParamWithNoValueCompilesForChecksAndFailsEventsInsteadOfPassingThem() throws Exception {
        StageHarness h = harness().param("table", null, com.fasterxml.jackson.databind.node.NullNode.getInstance())
                .compile("[{'lookup': {'field': 'k', 'table': '${table}'}}]");
        h.send("{'k': 'a'}");
        assertEquals(List.of(), h.lines());
        assertEquals(1, h.counters().failed());
    }

    @Test
    void badOptionsAndTablesAreProblemsAtTheirPaths() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "k,v\na,1\n");
        Files.writeString(dir.resolve("bad.csv"), "k,v\na,1,2\n");
        Files.writeString(dir.resolve("t.txt"), "k,v\n");
        StageHarness h = harness();
        assertEquals(List.of("/stages/0/lookup/field: is required", "/stages/0/lookup/table: is required"), h.problemLines("[{'lookup': {}}]"));
        assertEquals(List.of("/stages/0/lookup/table: " + dir.resolve("bad.csv") + ": line 2: 3 fields, but the header has 2 columns"),
                h.problemLines("[{'lookup': {'field': 'k', 'table': 'bad.csv'}}]"));
        assertEquals(List.of("/stages/0/lookup/table: " + dir.resolve("t.txt") + ": a lookup table is a .csv or .json file"),
                h.problemLines("[{'lookup': {'field': 'k', 'table': 't.txt'}}]"));
        assertEquals(List.of("/stages/0/lookup/key: " + dir.resolve("t.csv") + ": the table has no column \"x\" to look values up in (columns: k, v)"),
                h.problemLines("[{'lookup': {'field': 'k', 'table': 't.csv', 'key': 'x'}}]"));
        assertEquals(List.of("/stages/0/lookup/fields: the table has no column \"w\" (columns: k, v)",
                "/stages/0/lookup/default: names \"z\", which is not among the fields this lookup appends (v)",
                "/stages/0/lookup/colums: unknown option"),
                h.problemLines("[{'lookup': {'field': 'k', 'table': 't.csv', 'fields': ['v', 'w'], 'default': {'z': 1}, 'colums': []}}]"));
        assertTrue(h.problemLines("[{'lookup': {'field': 'k', 'table': 'none.csv'}}]").get(0).endsWith("no such file: " + dir.resolve("none.csv")));
    }

    @Test
    void aTableOverTheMemoryBoundIsRefused() throws Exception {
        Path big = dir.resolve("big.csv");
        try (var out = Files.newOutputStream(big)) {
            out.write("k,v\n".getBytes());
            byte[] row = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n".getBytes();
            for (long written = 0; written <= LookupTable.MAX_BYTES; written += row.length) {
                out.write(row);
            }
        }
        assertEquals(List.of("/stages/0/lookup/table: " + big + ": the file is 64 MiB; lookup tables are held in memory and may be at most 64 MiB"
                + " (for larger data use the api stage or a geoip database)"), harness().problemLines("[{'lookup': {'field': 'k', 'table': 'big.csv'}}]"));
    }
}
