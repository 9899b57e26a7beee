package dev.evbus.pipeline.jq;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Expression;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Version;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.internal.IsolatedScopeQuery;
import net.thisptr.jackson.jq.internal.JsonQueryFunction;

/**
 * jq 1.6's builtins as jackson-jq defines them, made one at a time. A program's root scope holds
 * the builtins it looks up and those their definitions call in turn: {@code select(...)} brings
 * {@code select/1} (one definition compiled) and {@code empty/0}, not all 159. jackson-jq's own
 * loader makes every one of them, its 84 functions written in Java through a service loader and
 * its 75 written in jq compiled from its {@code jq.json}: 60 to 90 ms of a consumer's start
 * whenever a key calls any function (decision 0043).
 *
 * <p>The Java-written ones are {@link JavaBuiltins}, the jq-written ones {@link JqDefinitions}. A
 * program that reads the scope itself ({@code builtins}, {@code debug_scope}) gets {@link #all}.
 */
final class JqBuiltins {
    static final Version VERSION = Versions.JQ_1_6;
    /** Builtins that list or print the whole scope: a program calling one sees every builtin, as before. */
    private static final Set<String> SCOPE_READERS = Set.of("builtins/0", "debug_scope/0");

    private JqBuiltins() {
    }

    /**
     * A root scope holding every builtin among {@code lookups} and every builtin those call in turn.
     * A lookup that is no builtin (a function the program defines itself) is left to the program.
     */
    static Scope rootFor(Collection<ProgramTree.Call> lookups) {
        Deque<String> pending = new ArrayDeque<>();
        for (ProgramTree.Call call : lookups) {
            if (SCOPE_READERS.contains(call.toString())) {
                return all();
            }
            pending.add(call.toString());
        }
        BudgetedNodes.install();
        Scope root = Scope.newEmptyScope();
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            Function function = TimedRegex.replacing(name);
            if (function == null) {
                function = JavaBuiltins.function(name);
            }
            JqDefinitions.Definition definition = function == null ? JqDefinitions.get(name) : null;
            if (definition != null) {
                Expression body = definition.compile();
                function = new JsonQueryFunction(definition.name(), definition.params(), new IsolatedScopeQuery(body), root);
                for (ProgramTree.Call call : ProgramTree.read(body).lookups()) {
                    pending.add(call.toString());
                }
            }
            if (function != null) {
                root.addFunction(name, function);
            }
        }
        return root;
    }

    /** A root scope holding every builtin, made by jackson-jq's own loader once per process. */
    static Scope all() {
        return All.ROOT;
    }

    private static final class All {
        static final Scope ROOT = load();

        private static Scope load() {
            Scope root = Scope.newEmptyScope();
            BuiltinFunctionLoader.getInstance().loadFunctions(VERSION, root);
            TimedRegex.install(root);
            BudgetedNodes.install();
            return root;
        }
    }
}
