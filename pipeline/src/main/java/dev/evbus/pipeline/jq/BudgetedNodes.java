package dev.evbus.pipeline.jq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.lang.reflect.Field;
import java.util.List;
import net.thisptr.jackson.jq.Scope;

/**
 * Arrays that jackson-jq's own code builds (path updates such as {@code .[1e9] = 1}, which pad
 * with a billion nulls; {@code keys}, {@code to_entries}, {@code setpath} ...) stop at the output
 * limit as they grow, instead of taking the heap. jackson-jq makes them through its object
 * mappers, so those mappers are given a node factory whose arrays check the evaluating thread's
 * {@link Budget} on every element added; outside an evaluation they are ordinary arrays.
 *
 * <p>The mappers are jackson-jq's private statics, found by name once per process; a mapper that
 * is not where this version keeps it is left alone (its arrays are then bounded only by time).
 */
final class BudgetedNodes extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    /** The classes of jackson-jq 1.6 that keep an object mapper in a static field named MAPPER. */
    private static final List<String> MAPPER_HOLDERS = List.of("net.thisptr.jackson.jq.path.ArrayIndexPath",
            "net.thisptr.jackson.jq.path.ArrayRangeIndexPath", "net.thisptr.jackson.jq.path.ArrayIndexOfPath",
            "net.thisptr.jackson.jq.path.ObjectFieldPath", "net.thisptr.jackson.jq.internal.misc.JsonNodeUtils",
            "net.thisptr.jackson.jq.internal.functions.PathFunction", "net.thisptr.jackson.jq.internal.functions.RangeFunction");

    private BudgetedNodes() {
    }

    /**
     * Gives jackson-jq's mappers (the scopes' one and the static ones) budgeted arrays, once per
     * process: the mappers are jackson-jq's statics, shared by every scope.
     */
    static void install() {
        Installed.ensure();
    }

    /** The installation, run by the JVM exactly once, on the first {@link #install}. */
    private static final class Installed {
        static {
            BudgetedNodes nodes = new BudgetedNodes();
            Scope.newEmptyScope().getObjectMapper().setNodeFactory(nodes);
            for (String holder : MAPPER_HOLDERS) {
                try {
                    Field field = Class.forName(holder).getDeclaredField("MAPPER");
                    field.setAccessible(true);
                    if (field.get(null) instanceof ObjectMapper mapper) {
                        mapper.setNodeFactory(nodes);
                    }
                } catch (ReflectiveOperationException | RuntimeException elsewhere) {
                    // another jackson-jq version keeps it elsewhere: that mapper's arrays are bounded by time only
                }
            }
        }

        static void ensure() {
            // initialising this class is the installation
        }
    }

    @Override
    public ArrayNode arrayNode() {
        return new BudgetedArray(this);
    }

    @Override
    public ArrayNode arrayNode(int capacity) {
        return new BudgetedArray(this);
    }

    /** An array that fails the evaluation once it alone holds more than the output limit. */
    private static final class BudgetedArray extends ArrayNode {
        private static final long serialVersionUID = 1L;

        BudgetedArray(JsonNodeFactory nodes) {
            super(nodes);
        }

        @Override
        protected ArrayNode _add(JsonNode node) {
            Budget budget = Budget.current();
            if (budget != null) {
                budget.checkSize(2L * (size() + 1));
            }
            return super._add(node);
        }
    }
}
