package dev.evbus.pipeline.stage;

import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.FieldPath;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code validate: {require: [paths], rules: [{expr, message}]}}: fails the item (it is an error of
 * that event, handled by on_error) naming every required field that is missing or null and every
 * rule that does not hold; an item that passes goes on unchanged.
 */
public final class ValidateStage implements Stage {
    public static final StageFactory FACTORY = ValidateStage::create;

    private record Rule(JqProgram predicate, String message) {
    }

    private final List<FieldPath> required;
    private final List<Rule> rules;

    private ValidateStage(List<FieldPath> required, List<Rule> rules) {
        this.required = required;
        this.rules = rules;
    }

    private static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        List<FieldPath> required = new ArrayList<>();
        List<String> paths = options.strings("require");
        for (String path : paths) {
            required.add(FieldPath.parse(options, "require", path));
        }
        List<Rule> rules = new ArrayList<>();
        for (Options rule : options.objects("rules")) {
            Optional<JqProgram> predicate = EventFields.requiredJq(rule, "expr", context);
            String message = rule.string("message", "rule " + predicate.map(JqProgram::source).orElse("") + " does not hold");
            predicate.ifPresent(program -> rules.add(new Rule(program, message)));
            rule.finish();
        }
        if (!options.has("require") && !options.has("rules")) {
            options.problem("require", "validate needs require (field paths) or rules ({expr, message}), or both");
        }
        return new ValidateStage(List.copyOf(required), List.copyOf(rules));
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        List<String> violations = new ArrayList<>();
        for (FieldPath path : required) {
            var value = path.get(item.value());
            if (value == null || value.isNull()) {
                violations.add("field \"" + path + "\" is " + (value == null ? "missing" : "null"));
            }
        }
        for (Rule rule : rules) {
            if (!rule.predicate().test(item.value(), item.envelope())) {
                violations.add(rule.message());
            }
        }
        if (!violations.isEmpty()) {
            throw new StageFailure(String.join("; ", violations));
        }
        next.emit(item);
    }
}
