package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;

/**
 * {@code classify}: scores an item by a field's value ({@code values}), else by keyword rules on
 * {@code rules_field}, else {@code default}; appends the score, then {@code alert} (score at or above
 * {@code threshold}). Scalars match by their text (so {@code 5} matches a value written "5"); a
 * missing or null field scores the default; an object or array fails the item.
 */
public final class ClassifyStage implements Stage {
    public static final StageFactory FACTORY = ClassifyStage::create;

    private final FieldPath field;
    private final FieldPath rulesField;
    private final ScoreRules scores;
    private final JsonNode defaultScore;
    private final FieldPath scoreField;
    private final FieldPath alertField;
    private final double threshold;

    private ClassifyStage(FieldPath field, FieldPath rulesField, ScoreRules scores, JsonNode defaultScore,
            FieldPath scoreField, FieldPath alertField, double threshold) {
        this.field = field;
        this.rulesField = rulesField;
        this.scores = scores;
        this.defaultScore = defaultScore;
        this.scoreField = scoreField;
        this.alertField = alertField;
        this.threshold = threshold;
    }

    private static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        FieldPath field = EventFields.requiredPath(options, "field");
        FieldPath rulesField = options.optionalString("rules_field")
                .map(text -> FieldPath.parse(options, "rules_field", text)).orElse(field);
        boolean caseSensitive = options.bool("case_sensitive", false);
        if (!options.has("values") && !options.has("rules")) {
            options.problem("values", "classify needs values (value: score) or rules ([{contains|matches, score}]), or both");
        }
        ScoreRules scores = ScoreRules.read(options, caseSensitive);
        JsonNode defaultScore = ScoreRules.score(options, "default", JsonNodeFactory.instance.numberNode(0));
        FieldPath scoreField = FieldPath.parse(options, "score_field", options.string("score_field", "severity"));
        String alertText = options.string("alert_field", "alert");
        FieldPath alertField = alertText.isEmpty() ? null : FieldPath.parse(options, "alert_field", alertText);
        double threshold = options.number("threshold", 7);
        return new ClassifyStage(field, rulesField, scores, defaultScore, scoreField, alertField, threshold);
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        JsonNode event = item.value();
        String value = EventFields.scalarText(field, event);
        JsonNode score = value == null ? null : scores.valueScore(value);
        if (score == null && !scores.rules().isEmpty()) {
            String text = rulesField == field ? value : EventFields.scalarText(rulesField, event);
            score = text == null ? null : scores.ruleScore(text);
        }
        if (score == null) {
            score = defaultScore;
        }
        JsonNode out = scoreField.with(event, score);
        if (alertField != null) {
            out = alertField.with(out, BooleanNode.valueOf(score.asDouble() >= threshold));
        }
        next.emit(item.withValue(out));
    }
}
