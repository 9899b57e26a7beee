package dev.evbus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyRegistry;
import dev.evbus.event.Params;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {
    private static PluginJars plugins;

    @TempDir
    Path root;

    @BeforeAll
    static void compileProvider(@TempDir Path workDir) throws IOException {
        plugins = PluginJars.compile(workDir);
    }

    @Test
    void jarInPluginsDirectoryRegistersItsKey() throws IOException {
        Home home = new Home(root);
        plugins.jar(home.plugins(), "in-home");

        PluginLoader.Result result = PluginLoader.loadAll(home, Map.of());

        assertEquals(List.of(PluginJars.keyOf("in-home")), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
        KeyDefinition key = KeyRegistry.find(PluginJars.keyOf("in-home")).orElseThrow();
        assertEquals(List.of("order.placed"), key.routeTypes(Params.of(Map.of())));
    }

    @Test
    void jarOnPluginPathRegistersItsKey() throws IOException {
        Path elsewhere = root.resolve("elsewhere");
        Path jar = plugins.jar(elsewhere, "on-path");

        PluginLoader.Result result = PluginLoader.loadAll(new Home(root), Map.of("EVBUS_PLUGIN_PATH", jar.toString()));

        assertEquals(List.of(PluginJars.keyOf("on-path")), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void jarListedInPluginsDirectoryAndOnPluginPathRegistersOnce() throws IOException {
        Home home = new Home(root);
        Path jar = plugins.jar(home.plugins(), "listed-twice");
        String pluginPath = jar + File.pathSeparator + home.plugins();

        PluginLoader.Result result = PluginLoader.loadAll(home, Map.of("EVBUS_PLUGIN_PATH", pluginPath));

        assertEquals(List.of(PluginJars.keyOf("listed-twice")), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void corruptJarYieldsAWarningAndOtherPluginsStillLoad() throws IOException {
        Home home = new Home(root);
        Files.createDirectories(home.plugins());
        Files.write(home.plugins().resolve("a-broken.jar"), "this is not a zip file".getBytes());
        plugins.jar(home.plugins(), "beside-broken");

        PluginLoader.Result result = PluginLoader.loadAll(home, Map.of());

        assertEquals(List.of(PluginJars.keyOf("beside-broken")), result.registeredKeys());
        assertEquals(1, result.warnings().size(), result.warnings()::toString);
        assertTrue(result.warnings().get(0).contains("a-broken.jar"), result.warnings()::toString);
    }

    @Test
    void missingPluginPathEntryYieldsAWarning() {
        Path missing = root.resolve("nowhere.jar");

        PluginLoader.Result result = PluginLoader.loadAll(new Home(root), Map.of("EVBUS_PLUGIN_PATH", missing.toString()));

        assertEquals(List.of(), result.registeredKeys());
        assertEquals(1, result.warnings().size(), result.warnings()::toString);
        assertTrue(result.warnings().get(0).contains(missing.toString()), result.warnings()::toString);
    }

    @Test
    void noPluginsMeansNoKeysAndNoWarnings() {
        PluginLoader.Result result = PluginLoader.loadAll(new Home(root), Map.of());
        assertEquals(List.of(), result.registeredKeys());
        assertEquals(List.of(), result.warnings());
    }
}
