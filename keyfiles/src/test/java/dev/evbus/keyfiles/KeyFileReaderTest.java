package dev.evbus.keyfiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evbus.config.SettingsFile;
import dev.evbus.event.AuthType;
import dev.evbus.event.KeyDefinition;
import dev.evbus.event.OutputSchema;
import dev.evbus.event.ParamDef;
import dev.evbus.event.ParamType;
import dev.evbus.event.ParamValue;
import dev.evbus.event.Params;
import dev.evbus.event.pipeline.StageSpec;
import dev.evbus.pipeline.LoadedFiles;
import dev.evbus.pipeline.StageLibrary;
import dev.evbus.pipeline.jq.JqLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final KeyFileReader reader = new KeyFileReader(TestStages.library(), new LoadedFiles());

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private KeyFile.Loaded loaded(Path file) {
        KeyFile result = reader.read(file);
        if (result instanceof KeyFile.Refused refused) {
            throw new AssertionError("refused: " + refused.problems());
        }
        return (KeyFile.Loaded) result;
    }

    /** Every problem of a refused file, formatted as keys check prints them. */
    private List<String> problems(Path file) {
        KeyFile result = reader.read(file);
        assertInstanceOf(KeyFile.Refused.class, result, "should be refused: " + file);
        return ((KeyFile.Refused) result).problems().stream().map(p -> p.format(file.getFileName().toString())).toList();
    }

    @Test
    void aYamlFileBecomesAKeyWithItsParamsSettingsAndStages() throws IOException {
        Files.writeString(dir.resolve("geo.csv"), "ip,country\n");
        Path file = write("alerts.yaml", """
                key: log.alerts
                display_name: Log alerts
                description: Alerts from log lines
                event_types: [log.line, log.audit.*]
                params:
                  - name: threshold
                    type: int
                    default: 7
                    description: alert at or above
                  - name: mode
                    type: enum
                    default: fast
                    values:
                      - {value: fast, description: quick}
                      - {value: slow, description: careful}
                  - name: room
                    required: true
                    subscription_key: true
                  - name: tags
                    type: multi
                    default: [a, b]
                    values: [{value: a, description: A}, {value: b, description: B}]
                  - name: verbose
                    type: bool
                    default: false
                schema: {type: object}
                buffer_size: 50
                workers: 2
                single_consumer: true
                auth_types: [bot]
                scopes: [logs:read]
                stages:
                  - tag: {field: seen, value: "${threshold}", table: geo.csv}
                  - tag: {field: second}
                """);
        KeyFile.Loaded loaded = loaded(file);
        KeyDefinition key = loaded.key();
        assertEquals(2, loaded.stages());
        assertEquals("log.alerts", key.key());
        assertEquals("Log alerts", key.displayName());
        assertEquals("Alerts from log lines", key.description());
        assertEquals("log.line", key.eventType());
        assertEquals(List.of("log.line", "log.audit.*"), key.routeTypes(Params.of(Map.of())));
        assertEquals(List.of(
                new ParamDef("threshold", ParamType.INT, "alert at or above", false, "7", List.of(), false),
                new ParamDef("mode", ParamType.ENUM, "", false, "fast",
                        List.of(new ParamValue("fast", "quick"), new ParamValue("slow", "careful")), false),
                new ParamDef("room", ParamType.STRING, "", true, null, List.of(), true),
                new ParamDef("tags", ParamType.MULTI, "", false, "a,b",
                        List.of(new ParamValue("a", "A"), new ParamValue("b", "B")), false),
                new ParamDef("verbose", ParamType.BOOL, "", false, "false", List.of(), false)), key.params());
        assertEquals(OutputSchema.Kind.CUSTOM, key.schema().kind());
        assertEquals(JSON.readTree("{\"type\":\"object\"}"), key.schema().schema());
        assertEquals(50, key.bufferSize());
        assertEquals(2, key.workers());
        assertTrue(key.singleConsumer());
        assertEquals(List.of(AuthType.BOT), key.authTypes());
        assertEquals(List.of("logs:read"), key.scopes());
        assertEquals(file.toAbsolutePath().toString(), key.origin());
        assertEquals(List.of(
                new StageSpec.Declared("tag", (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                        "{\"field\":\"seen\",\"value\":\"${threshold}\",\"table\":\"geo.csv\"}")),
                new StageSpec.Declared("tag", (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(
                        "{\"field\":\"second\"}"))), key.pipeline().orElseThrow().stages());
    }

    @Test
    void aJsonFileWithoutStagesOutputsThePayloadAsItIsAndAcceptsAnyJson() throws IOException {
        Path file = write("plain.json", "{\"key\": \"plain\", \"event_type\": \"orders.*\"}");
        KeyDefinition key = loaded(file).key();
        assertEquals("orders.*", key.eventType());
        assertEquals(List.of("orders.*"), key.routeTypes(Params.of(Map.of())));
        assertEquals(List.of(), key.pipeline().orElseThrow().stages());
        assertEquals(JSON.readTree("{}"), key.schema().schema());
        assertTrue(key.params().isEmpty());
        assertEquals(KeyDefinition.DEFAULT_BUFFER_SIZE, key.bufferSize());
    }

    @Test
    void anUnknownTopLevelFieldIsAProblemAtItsLine() throws IOException {
        Path file = write("typo.yaml", """
                key: typo
                event_types: [a]
                stage: []
                """);
        assertEquals(List.of("typo.yaml:3: stage: unknown field (fields: " + String.join(", ", DefinitionReader.FIELDS) + ")"),
                problems(file));
    }

    @Test
    void missingRequiredFieldsAreReportedAtTheLineOfTheirParent() throws IOException {
        Path file = write("empty.yaml", """
                description: nothing else
                """);
        assertEquals(List.of(
                "empty.yaml:1: key: is required (the key's name, such as log.alerts)",
                "empty.yaml:1: event_types: is required (a list of event types: exact, prefix.* or *, such as [log.line])"),
                problems(file));
    }

    @Test
    void stageProblemsNameTheStageOptionAndItsLine() throws IOException {
        Path file = write("stages.yaml", """
                key: staged
                event_types: [a]
                params:
                  - name: level
                stages:
                  - tag: {field: a}
                  - nope: {x: 1}
                  - tag:
                      value: v
                      table: missing.csv
                      colour: red
                  - tag: {field: "${levle}"}
                """);
        assertEquals(List.of(
                "stages.yaml:7: stages[1].nope: unknown stage \"nope\" (stages: tag)",
                "stages.yaml:8: stages[2].tag.field: is required",
                "stages.yaml:10: stages[2].tag.table: table file \"" + dir.resolve("missing.csv") + "\" does not exist",
                "stages.yaml:11: stages[2].tag.colour: unknown option",
                "stages.yaml:12: stages[3].tag.field: refers to ${levle}, but the key has no param \"levle\" (declared: level)"),
                problems(file));
    }

    @Test
    void aStageEntryThatIsNotOneKindIsAProblemAtItsLine() throws IOException {
        Path file = write("entries.json", """
                {
                  "key": "entries",
                  "event_types": ["a"],
                  "stages": [
                    {"tag": {"field": "a"}},
                    {"tag": {"field": "b"}, "extra": {}}
                  ]
                }
                """);
        assertEquals(List.of("entries.json:6: stages[1]: a stage is an object with one field, its kind, such as {\"filter\": \".alert\"}"),
                problems(file));
    }

    @Test
    void paramProblemsFollowTheRulesOfJavaKeys() throws IOException {
        Path file = write("params.yaml", """
                key: params
                event_types: [a]
                params:
                  - name: mode
                    type: enum
                    default: medium
                    values: [{value: fast, description: quick}]
                  - name: count
                    type: number
                  - name: mode
                  - name: n
                    type: int
                    default: seven
                  - {name: colours, type: multi}
                """);
        assertEquals(List.of(
                "params.yaml:6: params[0].default: default must be one of fast, not \"medium\"",
                "params.yaml:9: params[1].type: must be string, enum, multi, bool or int, not \"number\"",
                "params.yaml:10: params[2].name: param \"mode\" is declared twice",
                "params.yaml:13: params[3].default: default must be a whole number, not \"seven\"",
                "params.yaml:14: params[4].values: multi needs values"), problems(file));
    }

    @Test
    void hookProblemsNameTheHookFieldAndItsLine() throws IOException {
        Path file = write("hooks.yaml", """
                key: hooks
                event_types: [a]
                params: [{name: room}]
                pre_consume:
                  method: FETCH
                  path: '"/rooms/" + $params.rom'
                  body: '{room: $params.room'
                cleanup: {path: /rooms, verb: DELETE}
                """);
        assertEquals(List.of(
                "hooks.yaml:5: pre_consume.method: must be GET, POST, PUT, PATCH or DELETE, not \"FETCH\"",
                "hooks.yaml:6: pre_consume.path: refers to $params.rom, but the key has no param \"rom\"",
                "hooks.yaml:7: pre_consume.body: is not a valid jq expression: Cannot compile query: {room: $params.room",
                "hooks.yaml:8: cleanup.verb: unknown field (fields: method, path, body)"), problems(file));
    }

    @Test
    void settingsOfTheWrongTypeOrRangeAreProblems() throws IOException {
        Path file = write("settings.json", """
                {"key": "bad key!",
                 "event_types": ["a", "b*c", 3],
                 "buffer_size": 5000,
                 "workers": "two",
                 "single_consumer": "yes",
                 "schema": [1]}
                """);
        assertEquals(List.of(
                "settings.json:2: event_types[2]: must be a string, not 3",
                "settings.json:2: event_types[1]: '*' may only end an event type pattern (\"order.*\" or \"*\"), not \"b*c\"",
                "settings.json:3: buffer_size: must be a whole number from 1 to 1000, not 5000",
                "settings.json:4: workers: must be a whole number from 1 to 1024, not \"two\"",
                "settings.json:5: single_consumer: must be true or false, not \"yes\"",
                "settings.json:6: schema: must be an object, not [1]"), problems(file));
    }

    @Test
    void aBadKeyNameIsRefusedByTheSameRuleAsJavaKeys() throws IOException {
        Path file = write("name.yaml", "event_types: [a]\nkey: bad key!\n");
        assertEquals(List.of("name.yaml:2: key: must be letters, digits, '.', '_' or '-', starting with a letter or digit"),
                problems(file));
    }

    @Test
    void badYamlIsOneProblemAtTheParsersLine() throws IOException {
        Path file = write("broken.yaml", """
                key: broken
                event_types: [a
                stages: []
                """);
        List<String> problems = problems(file);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(List.of("broken.yaml:3: event_types[0]: not valid YAML: expected ',' or ']', but got :"
                + " (while parsing a flow sequence)"), problems);
    }

    @Test
    void badJsonIsOneProblemAtTheParsersLine() throws IOException {
        Path file = write("broken.json", "{\n  \"key\": \"broken\",\n  \"event_types\": [\"a\"]\n  \"stages\": []\n}\n");
        List<String> problems = problems(file);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("broken.json:4: event_types: not valid JSON: Unexpected character ('\"'"),
                problems.toString());
    }

    @Test
    void aFieldGivenTwiceIsAProblemInYamlAndJson() throws IOException {
        Path yaml = write("twice.yaml", "key: a\nevent_types: [a]\nparams:\n  - name: x\n    name: y\n");
        assertEquals(List.of("twice.yaml:5: params[0].name: given twice (a field may appear once)"), problems(yaml));
        Path json = write("twice.json", "{\"key\": \"a\",\n \"key\": \"b\", \"event_types\": [\"a\"]}");
        assertEquals(List.of("twice.json:2: key: given twice (a field may appear once)"), problems(json));
    }

    @Test
    void anEmptyFileASecondDocumentAndAListAreRefused() throws IOException {
        assertEquals(List.of("empty.yml:1: (file): a key file holds one object with key, event_types and stages, not nothing"),
                problems(write("empty.yml", "")));
        assertEquals(List.of("two.yaml:3: (file): a key file holds one document; another starts here"),
                problems(write("two.yaml", "key: a\n---\nkey: b\n")));
        assertEquals(List.of("list.json:1: (file): a key file holds one object with key, event_types and stages, not array"),
                problems(write("list.json", "[]")));
    }

    @Test
    void aFileWithAnotherExtensionOrMissingIsRefusedWithoutALine() throws IOException {
        assertEquals(List.of("key.txt: not a key file: its name must end in .json, .yaml or .yml"),
                problems(write("key.txt", "key: a")));
        assertEquals(List.of("gone.yaml: no such file"), problems(dir.resolve("gone.yaml")));
    }

    @Test
    void aKeyFileLargerThanAnySettingsFileMayBeIsRefusedUnread() throws IOException {
        Path big = dir.resolve("big.yaml");
        Files.write(big, ("key: big\nevent_types: [a]\ndescription: \"" + "x".repeat(SettingsFile.MAX_BYTES) + "\"\n").getBytes());
        assertEquals(List.of("big.yaml: cannot be read: larger than 4MiB, the limit for a config or key file"), problems(big));
    }

    @Test
    void fieldNamesThatAreNotIdentifiersAreQuoted() {
        SourceDocument document = new SourceDocument(new ObjectMapper().createObjectNode(), Map.of());
        assertEquals("stages[2].classify.values[\"a.b\"]", SourceDocument.fieldOf("/stages/2/classify/values/a.b"));
        assertEquals("schema[\"x/y\"]", document.field("/schema/x~1y"));
        assertFalse(document.field("/key").contains("["));
    }

    @Test
    void aCheckingReaderCompilesTheStagesButOnlyChecksTheirTablesAndDatabasesAreThere() throws IOException {
        // a table whose contents loading refuses (a key given twice), and another one whose name it refuses
        write("dup.csv", "ip,city\nx,a\nx,b\n");
        write("table.txt", "ip,city\n");
        Path file = write("tables.yaml", """
                key: tables
                event_types: [log.*]
                stages:
                  - lookup: {field: ip, table: dup.csv}
                  - geoip: {field: ip, database: nowhere.mmdb}
                  - lookup: {field: ip, table: table.txt}
                  - lookup: {field: ip, table: nowhere.csv}
                  - nope: {}
                """);
        KeyFile checked = KeyFileReader.checking(StageLibrary.standard()).read(file);
        assertEquals(List.of(
                "5: stages[1].geoip.database: no such file: " + dir.resolve("nowhere.mmdb")
                        + " (a relative name is read from the key file's directory; get GeoLite2-City.mmdb from MaxMind)",
                "6: stages[2].lookup.table: " + dir.resolve("table.txt") + ": a lookup table is a .csv or .json file",
                "7: stages[3].lookup.table: no such file: " + dir.resolve("nowhere.csv"),
                "8: stages[4].nope: unknown stage \"nope\""),
                ((KeyFile.Refused) checked).problems().stream().map(p -> p.line() + ": " + p.field() + ": "
                        + p.message().replaceAll(" \\(stages: .*\\)$", "")).toList());

        Path dupOnly = write("dup.yaml", "key: dup\nevent_types: [a]\nstages:\n  - lookup: {field: ip, table: dup.csv}\n");
        assertInstanceOf(KeyFile.Loaded.class, KeyFileReader.checking(StageLibrary.standard()).read(dupOnly));
        KeyFile loading = new KeyFileReader(StageLibrary.standard(), new LoadedFiles()).read(dupOnly);
        assertEquals(List.of("dup.yaml:4: stages[0].lookup.table: " + dir.resolve("dup.csv")
                + ": line 3: key \"x\" again (first at line 2); each value may have one row"),
                ((KeyFile.Refused) loading).problems().stream().map(p -> p.format("dup.yaml")).toList());
    }

    @Test
    void aKeysLimitsAreReadIntoItsPipelineAndWrongOnesAreProblemsAtTheirLines() throws IOException {
        KeyDefinition key = loaded(write("limited.yaml", """
                key: limited
                event_types: [a]
                limits: {stage_time: 250ms, stage_output: 64KiB}
                """)).key();
        assertEquals(new JqLimits(Duration.ofMillis(250), 64 * 1024), JqLimits.of(key.pipeline().orElseThrow()));
        assertEquals(JqLimits.DEFAULTS, JqLimits.of(loaded(write("plain.yaml", "key: plain\nevent_types: [a]\n")).key()
                .pipeline().orElseThrow()));

        assertEquals(List.of("bad.yaml:3: limits.stage_time: must be a duration such as 500ms, 10s or 1m, not \"soon\"",
                "bad.yaml:3: limits.stage_output: must be at least 1KiB and at most 256MiB",
                "bad.yaml:3: limits.stages: unknown option"), problems(write("bad.yaml", """
                key: bad
                event_types: [a]
                limits: {stage_time: soon, stage_output: 1TiB, stages: 3}
                """)));
        assertEquals(List.of("worse.yaml:3: limits: must be an object such as {stage_time: 1s, stage_output: 1MiB}"),
                problems(write("worse.yaml", "key: worse\nevent_types: [a]\nlimits: 5s\n")));
    }

    @Test
    void aHookCallingAFunctionJqDoesNotHaveIsAProblemAtItsLine() throws IOException {
        assertEquals(List.of("typo.yaml:5: pre_consume.body: calls ascii_downcas/0, which jq does not define (hint: see"
                + " jq 1.6's manual for its functions, or define it first: def name: ...;)"), problems(write("typo.yaml", """
                key: typo
                event_types: [a]
                pre_consume:
                  path: /rooms
                  body: '{room: ($params | ascii_downcas)}'
                """)));
    }
}
