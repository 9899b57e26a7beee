package dev.evbus.pipeline.jq;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.internal.operators.BinaryOperator;
import net.thisptr.jackson.jq.internal.tree.ArrayConstruction;
import net.thisptr.jackson.jq.internal.tree.ForeachExpression;
import net.thisptr.jackson.jq.internal.tree.FormattingFilter;
import net.thisptr.jackson.jq.internal.tree.FunctionCall;
import net.thisptr.jackson.jq.internal.tree.FunctionDefinition;
import net.thisptr.jackson.jq.internal.tree.ReduceExpression;

/**
 * One walk over a freshly compiled jackson-jq program: it notes every function the program calls
 * and defines (so a call to a function that exists nowhere is refused before any event), and puts
 * {@link Metered} nodes where the program can loop or grow: around every function call (user
 * functions recurse through calls; generators such as {@code range} yield through them), around
 * the source of every {@code reduce} and {@code foreach}, and inside every array construction;
 * and it puts jq 1.7's arithmetic ({@link JqArithmetic}) in place of jackson-jq's.
 *
 * <p>jackson-jq keeps its tree private, so the walk reads and rewrites fields reflectively. It is
 * made once per compiled expression and touches only objects of jackson-jq's own packages.
 */
final class ProgramTree {
    private static final String JQ_PACKAGE = "net.thisptr.jackson.jq.";

    /** A call site: {@code name/arity}, as jq writes it. */
    record Call(String name, int arity) {
        @Override
        public String toString() {
            return name + "/" + arity;
        }
    }

    private final Set<Call> calls = new LinkedHashSet<>();
    private final Set<Call> defined = new LinkedHashSet<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    /** Whether a {@code @format} (it looks its formatter up among the builtins, as a call does). */
    private boolean formats;
    /** False once a field could not be read: what it held is unknown, so it may call anything. */
    private boolean complete = true;

    private ProgramTree() {
    }

    /** Instruments {@code root} in place and returns what it calls and defines. */
    static ProgramTree instrument(Object root) {
        ProgramTree tree = new ProgramTree();
        tree.walk(root);
        return tree;
    }

    /**
     * The calls that neither the program nor {@code known} defines. Lenient on scope: a function
     * defined anywhere in the program counts as defined everywhere in it, so no valid program is
     * refused (a call outside its definition's scope still fails when it runs).
     */
    List<Call> undefined(java.util.function.Predicate<Call> known) {
        List<Call> missing = new ArrayList<>();
        for (Call call : calls) {
            if (!defined.contains(call) && !known.test(call)) {
                missing.add(call);
            }
        }
        return missing;
    }

    /**
     * Whether running the program may look up one of jq's builtins: it calls a function (its own
     * included, to keep the rule simple), uses a {@code @format}, or has a part the walk could not
     * read. jackson-jq looks functions up in the scope only for those two kinds of node.
     */
    boolean usesBuiltins() {
        return !calls.isEmpty() || formats || !complete;
    }

    private void walk(Object node) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof List<?> list) {
            walkList(list);
            return;
        }
        if (!node.getClass().getName().startsWith(JQ_PACKAGE)) {
            return;
        }
        note(node);
        for (Class<?> type = node.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()
                        || field.getType() == String.class) {
                    continue;
                }
                walkField(node, field);
            }
        }
    }

    private void walkField(Object node, Field field) {
        try {
            field.setAccessible(true);
            Object child = field.get(node);
            if (child instanceof BinaryOperator operator && !(child instanceof JqArithmetic)) {
                BinaryOperator arithmetic = JqArithmetic.of(operator);
                if (arithmetic != null) {
                    field.set(node, arithmetic);
                }
                return;
            }
            walk(child);
            Expression metered = meter(node, field.getName(), child);
            if (metered != null && field.getType().isAssignableFrom(Expression.class)) {
                field.set(node, metered);
            }
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            // a field we cannot read is left as it is: that node runs unmetered, not wrongly
            complete = false;
        }
    }

    @SuppressWarnings("unchecked")
    private void walkList(List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            Object child = list.get(i);
            walk(child);
            if (child instanceof FunctionCall call) {
                try {
                    ((List<Object>) list).set(i, Metered.steps(call));
                } catch (UnsupportedOperationException fixed) {
                    return; // an immutable list: its calls run unmetered
                }
            }
        }
    }

    /** The metered replacement for {@code child} held in {@code parent.field}, or null to leave it. */
    private static Expression meter(Object parent, String field, Object child) {
        if (!(child instanceof Expression expression)) {
            return null;
        }
        Expression call = child instanceof FunctionCall ? Metered.steps(expression) : null;
        if (parent instanceof ArrayConstruction && field.equals("q")) {
            return Metered.elements(call != null ? call : expression);
        }
        if (call != null) {
            return call;
        }
        if ((parent instanceof ReduceExpression || parent instanceof ForeachExpression) && field.equals("iterExpr")) {
            return Metered.steps(expression);
        }
        return null;
    }

    private void note(Object node) {
        if (node instanceof FormattingFilter) {
            formats = true;
        } else if (node instanceof FunctionCall call) {
            String module = (String) read(call, "moduleName");
            String name = (String) read(call, "name");
            List<?> args = (List<?>) read(call, "args");
            if (name != null && args != null) {
                calls.add(new Call(module == null ? name : module + "::" + name, args.size()));
            }
        } else if (node instanceof FunctionDefinition definition) {
            String name = (String) read(definition, "fname");
            List<?> params = (List<?>) read(definition, "args");
            if (name != null && params != null) {
                defined.add(new Call(name, params.size()));
                for (Object param : params) {
                    // a filter param is a function of no arguments; so is a $param, as in jq
                    defined.add(new Call(param.toString().replaceFirst("^\\$", ""), 0));
                }
            }
        }
    }

    private static Object read(Object node, String name) {
        try {
            Field field = node.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(node);
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
            return null;
        }
    }
}
