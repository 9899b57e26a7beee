package dev.evbus.pipeline.jq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.Scope;
import org.junit.jupiter.api.Test;

/** The builtins made one at a time are exactly those jackson-jq's own loader makes all at once. */
class JqBuiltinsTest {
    private final BuiltinFunctionLoader loader = BuiltinFunctionLoader.getInstance();

    @Test
    void theJavaTableNamesEveryFunctionTheServiceLoaderFindsAsTheSameClass() {
        Map<String, Function> expected = loader.loadFunctionsFromServiceLoader(getClass().getClassLoader(), JqBuiltins.VERSION);
        assertTrue(expected.size() > 80, "the loader found " + expected.size());
        expected.forEach((name, function) -> {
            Function made = JavaBuiltins.function(name);
            assertNotNull(made, name + " is missing from the table");
            assertEquals(function.getClass(), made.getClass(), name);
        });
        // and names nothing else: every name either source knows, at every arity a jq call can have here
        Set<String> candidates = new TreeSet<>(expected.keySet());
        candidates.addAll(JqDefinitions.names());
        for (String name : Set.copyOf(candidates)) {
            for (int arity = 0; arity <= 4; arity++) {
                candidates.add(name.substring(0, name.indexOf('/')) + "/" + arity);
            }
        }
        for (String name : candidates) {
            assertEquals(expected.containsKey(name), JavaBuiltins.function(name) != null, name);
        }
    }

    @Test
    void theJqDefinitionsAreTheOnesTheLoaderCompilesForJq16() {
        Map<String, Function> expected = loader.loadFunctionsFromJsonJq(getClass().getClassLoader(), JqBuiltins.VERSION, Scope.newEmptyScope());
        assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(JqDefinitions.names()));
        assertEquals("if pred then . else empty end", JqDefinitions.get("select/1").body());
        assertEquals("label $out | g | ., break $out", JqDefinitions.get("first/1").body(), "the 1.6 entry, not the older one");
        assertNull(JqDefinitions.get("pick/1"), "jq 1.7's pick is not in 1.6");
        for (String name : JqDefinitions.names()) {
            assertNotNull(JqDefinitions.get(name).compile(), name);
        }
    }

    @Test
    void aRootForOneLookupHoldsItForEveryBuiltinOfTheFullRootAndNothingForAnyOtherName() {
        for (String name : JqBuiltins.all().getLocalFunctions().keySet()) {
            ProgramTree.Call call = call(name);
            assertNotNull(JqBuiltins.rootFor(Set.of(call)).getFunction(call.name(), call.arity()), name);
        }
        for (String absent : List.of("nosuchfn/1", "length/3", "pick/1", "f/0")) {
            assertTrue(JqBuiltins.rootFor(Set.of(call(absent))).getLocalFunctions().isEmpty(), absent);
        }
    }

    private static ProgramTree.Call call(String nameArity) {
        int slash = nameArity.lastIndexOf('/');
        return new ProgramTree.Call(nameArity.substring(0, slash), Integer.parseInt(nameArity.substring(slash + 1)));
    }

    @Test
    void aRootForNoLookupsIsEmptyAndOneForEveryBuiltinHoldsThemAll() {
        assertTrue(JqBuiltins.rootFor(Set.of()).getLocalFunctions().isEmpty());
        Set<ProgramTree.Call> every = new java.util.LinkedHashSet<>();
        for (String name : JqBuiltins.all().getLocalFunctions().keySet()) {
            if (!name.equals("builtins/0") && !name.equals("debug_scope/0")) {
                every.add(call(name));
            }
        }
        Set<String> made = JqBuiltins.rootFor(every).getLocalFunctions().keySet();
        Set<String> expected = new TreeSet<>(JqBuiltins.all().getLocalFunctions().keySet());
        expected.removeAll(Set.of("builtins/0", "debug_scope/0"));
        assertEquals(expected, new TreeSet<>(made));
    }
}
