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
    /** What each {@code @format} looks up among the builtins: {@code @base64/0} for {@code @base64}. */
    private final Set<Call> formats = new LinkedHashSet<>();
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();
    /** False for a walk that only reads: a builtin's own definition is run as jackson-jq wrote it. */
    private final boolean instrumenting;
    /** False once a field could not be read: what it held is unknown, so it may call anything. */
    private boolean complete = true;

    private ProgramTree(boolean instrumenting) {
        this.instrumenting = instrumenting;
    }

    /** Instruments {@code root} in place and returns what it calls and defines. */
    static ProgramTree instrument(Object root) {
        ProgramTree tree = new ProgramTree(true);
        tree.walk(root);
        return tree;
    }

    /** What {@code root} calls and defines, leaving it as it is. */
    static ProgramTree read(Object root) {
        ProgramTree tree = new ProgramTree(false);
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
     * Every name the program may look up in its scope when it runs: its calls (its own functions
     * included, to keep the rule simple) and its formats. jackson-jq looks functions up only for
     * those two kinds of node. Meaningful only when {@link #complete}.
     */
    Set<Call> lookups() {
        Set<Call> lookups = new LinkedHashSet<>(calls);
        lookups.addAll(formats);
        return lookups;
    }

    /** Whether the walk read every part of the program, so that {@link #lookups} are all it looks up. */
    boolean complete() {
        return complete;
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
            if (instrumenting && child instanceof BinaryOperator operator && !(child instanceof JqArithmetic)) {
                BinaryOperator arithmetic = JqArithmetic.of(operator);
                if (arithmetic != null) {
                    field.set(node, arithmetic);
                }
                return;
            }
            walk(child);
            if (!instrumenting) {
                return;
            }
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
            if (instrumenting && child instanceof FunctionCall call) {
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
        if (node instanceof FormattingFilter format) {
            String name = (String) read(format, "name");
            if (name == null) {
                complete = false;
            } else {
                formats.add(new Call("@" + name, 0));
            }
        } else if (node instanceof FunctionCall call) {
            String module = (String) read(call, "moduleName");
            String name = (String) read(call, "name");
            List<?> args = (List<?>) read(call, "args");
            if (name != null && args != null) {
                calls.add(new Call(module == null ? name : module + "::" + name, args.size()));
            } else {
                complete = false; // a call we cannot name: it may look up anything
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
