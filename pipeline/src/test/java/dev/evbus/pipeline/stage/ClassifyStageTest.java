package dev.evbus.pipeline.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.evbus.pipeline.StageHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifyStageTest {
    private static final String SEVERITY = "{'field': 'level', 'values': {'debug': 1, 'info': 3, 'warn': 5, 'error': 9, 'critical': 10}}";

    @Test
    void scoresByValueAndAppendsSeverityThenAlert() throws Exception {
        StageHarness h = new StageHarness().compile("[{'classify': " + SEVERITY + "}]");
        h.send("{'level': 'error', 'm': 1}").send("{'level': 'warn'}").send("{'level': 'trace'}").send("{}");
        assertEquals(List.of("{\"level\":\"error\",\"m\":1,\"severity\":9,\"alert\":true}",
                "{\"level\":\"warn\",\"severity\":5,\"alert\":false}",
                "{\"level\":\"trace\",\"severity\":0,\"alert\":false}",
                "{\"severity\":0,\"alert\":false}"), h.lines());
    }

    @Test
    void theThresholdMayComeFromAnIntParam() throws Exception {
        StageHarness h = new StageHarness().param("threshold", "5", IntNode.valueOf(5))
                .compile("[{'classify': {'field': 'level', 'values': {'warn': 5, 'info': 3}, 'threshold': '${threshold}'}}]");
        h.send("{'level': 'warn'}").send("{'level': 'info'}");
        assertEquals(List.of("{\"level\":\"warn\",\"severity\":5,\"alert\":true}",
                "{\"level\":\"info\",\"severity\":3,\"alert\":false}"), h.lines());
    }

    @Test
    void matchingIgnoresCaseUnlessCaseSensitive() throws Exception {
        StageHarness h = new StageHarness().compile("[{'classify': " + SEVERITY + "},"
                + " {'classify': {'field': 'level', 'values': {'ERROR': 2}, 'case_sensitive': true, 'score_field': 's', 'alert_field': ''}}]");
        h.send("{'level': 'Error'}");
        assertEquals(List.of("{\"level\":\"Error\",\"severity\":9,\"alert\":true,\"s\":0}"), h.lines());
    }

    @Test
    void keywordRulesApplyInOrderWhenNoValueMatches() throws Exception {
        StageHarness h = new StageHarness().compile("[{'classify': {'field': 'level', 'values': {'error': 9},"
                + " 'rules_field': 'message', 'default': 1.5, 'threshold': 6,"
                + " 'rules': [{'contains': 'DISK FULL', 'score': 8}, {'matches': '^auth.*down$', 'score': 6.5}, {'contains': 'disk', 'score': 2}]}}]");
        h.send("{'level': 'info', 'message': 'disk full on /data'}")
                .send("{'level': 'info', 'message': 'Auth service down'}")
                .send("{'level': 'error', 'message': 'disk'}")
                .send("{'level': 'info', 'message': 'ok'}");
        assertEquals(List.of("{\"level\":\"info\",\"message\":\"disk full on /data\",\"severity\":8,\"alert\":true}",
                "{\"level\":\"info\",\"message\":\"Auth service down\",\"severity\":6.5,\"alert\":true}",
                "{\"level\":\"error\",\"message\":\"disk\",\"severity\":9,\"alert\":true}",
                "{\"level\":\"info\",\"message\":\"ok\",\"severity\":1.5,\"alert\":false}"), h.lines());
    }

    @Test
    void scalarsMatchByTheirTextAndContainersFailTheItem() throws Exception {
        StageHarness h = new StageHarness().compile("[{'classify': {'field': 'level', 'values': {'5': 5, 'true': 1},"
                + " 'score_field': 'meta.score', 'alert_field': 'meta.alert'}}]");
        h.send("{'level': 5}").send("{'level': true}").send("{'level': {'name': 'x'}}").send("{'level': ['x']}");
        assertEquals(List.of("{\"level\":5,\"meta\":{\"score\":5,\"alert\":false}}",
                "{\"level\":true,\"meta\":{\"score\":1,\"alert\":false}}"), h.lines());
        assertEquals(List.of("/stages/0/classify failed: field \"level\" is an object, expected a string, number or boolean",
                "/stages/0/classify failed: field \"level\" is an array, expected a string, number or boolean"), h.warnings);
    }

    @Test
    void badOptionsAreProblemsAtTheirPaths() {
        StageHarness h = new StageHarness();
        assertEquals(List.of("/stages/0/classify/field: is required",
                "/stages/0/classify/values: classify needs values (value: score) or rules ([{contains|matches, score}]), or both"),
                h.problemLines("[{'classify': {}}]"));
        assertEquals(List.of("/stages/0/classify/values/Info: \"info\" and \"Info\" differ only in case; set case_sensitive: true to tell them apart",
                "/stages/0/classify/values/bad: must be a number, not \"x\"",
                "/stages/0/classify/rules/0/contains: a rule has exactly one of contains: TEXT or matches: REGEX",
                "/stages/0/classify/rules/1/score: is required (a number)",
                "/stages/0/classify/rules/1/matches: is not a valid regular expression: Unclosed group near index 2",
                "/stages/0/classify/threshold: refers to ${nope}, but the key has no param \"nope\" (it declares none)"),
                h.problemLines("[{'classify': {'field': 'level', 'values': {'info': 1, 'Info': 2, 'bad': 'x'},"
                        + " 'rules': [{'score': 1}, {'matches': '(a'}], 'threshold': '${nope}'}}]"));
    }
}
