package dev.evbus.pipeline.stage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.evbus.pipeline.Downstream;
import dev.evbus.pipeline.Item;
import dev.evbus.pipeline.JqProgram;
import dev.evbus.pipeline.Options;
import dev.evbus.pipeline.PipelineCompiler;
import dev.evbus.pipeline.Stage;
import dev.evbus.pipeline.StageContext;
import dev.evbus.pipeline.StageFactory;
import dev.evbus.pipeline.StageFailure;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code route: {by, routes: [{type, stages}], default}}: sends each item through the first
 * branch whose type matches the routing value (exact types first, then globs in the order
 * written); what a branch emits goes on to the stages after the route. An unmatched item goes
 * through {@code default}, or on unchanged without one. Ticks and the end of the stream reach
 * every branch, since a branch may hold a window or a batch.
 */
public final class RouteStage implements Stage {
    public static final StageFactory FACTORY = RouteStage::create;

    private record Glob(Pattern pattern, Stage branch) {
    }

    private final Optional<JqProgram> by;
    private final Map<String, Stage> exact;
    private final List<Glob> globs;
    private final Stage fallback;
    /** Every branch once, in the order written, then the default: for tick and finish. */
    private final List<Stage> all;

    private RouteStage(Optional<JqProgram> by, Map<String, Stage> exact, List<Glob> globs, Stage fallback, List<Stage> all) {
        this.by = by;
        this.exact = exact;
        this.globs = globs;
        this.fallback = fallback;
        this.all = all;
    }

    private static Stage create(Options options, StageContext context, PipelineCompiler compiler) {
        Optional<JqProgram> by = options.optionalString("by")
                .flatMap(expr -> JqProgram.compile(options, "by", expr, context));
        Map<String, Stage> exact = new HashMap<>();
        List<Glob> globs = new ArrayList<>();
        List<Stage> all = new ArrayList<>();
        if (!options.has("routes")) {
            options.problem("routes", "is required (a list of {type, stages})");
        }
        for (Options route : options.objects("routes")) {
            String type = route.requiredString("type");
            Stage branch = compiler.compileEntries(route.raw("stages").orElse(null), route.pathOf("stages"),
                    context, options.problems());
            all.add(branch);
            if (type.contains("*")) {
                globs.add(new Glob(glob(type), branch));
            } else if (exact.putIfAbsent(type, branch) != null) {
                route.problem("type", "\"" + type + "\" is routed twice; only the first route would ever see it");
            }
            route.finish();
        }
        Stage fallback = null;
        Optional<JsonNode> defaultStages = options.raw("default");
        if (defaultStages.isPresent()) {
            fallback = compiler.compileEntries(defaultStages.get(), options.pathOf("default"), context, options.problems());
            all.add(fallback);
        }
        return new RouteStage(by, Map.copyOf(exact), List.copyOf(globs), fallback, List.copyOf(all));
    }

    /** {@code *} matches any run of characters (dots included); everything else literally. */
    private static Pattern glob(String type) {
        StringBuilder regex = new StringBuilder();
        for (String literal : type.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString());
    }

    @Override
    public void accept(Item item, Downstream next) throws StageFailure {
        Stage branch = branchFor(routingValue(item));
        if (branch == null) {
            next.emit(item);
        } else {
            branch.accept(item, next);
        }
    }

    private String routingValue(Item item) throws StageFailure {
        if (by.isEmpty()) {
            return item.envelope() == null ? null : item.envelope().eventType();
        }
        JsonNode value = by.get().first(item.value(), item.envelope());
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            throw new StageFailure("route by " + by.get().source() + " gave " + EventFields.describe(value)
                    + ", expected a string");
        }
        return value.asText();
    }

    private Stage branchFor(String value) {
        if (value == null) {
            return fallback;
        }
        Stage branch = exact.get(value);
        if (branch != null) {
            return branch;
        }
        for (Glob glob : globs) {
            if (glob.pattern().matcher(value).matches()) {
                return glob.branch();
            }
        }
        return fallback;
    }

    @Override
    public void tick(long nowNanos, Downstream next) throws StageFailure {
        for (Stage branch : all) {
            branch.tick(nowNanos, next);
        }
    }

    @Override
    public void finish(Downstream next) throws StageFailure {
        for (Stage branch : all) {
            branch.finish(next);
        }
    }
}
