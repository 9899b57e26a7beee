package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeClassPathTest {
    @TempDir
    Path dir;

    @Test
    void onlyABridgedAppsBusGetsTheJarsBesideTheRunnableJar() throws Exception {
        Path jar = Files.createFile(dir.resolve("evbus.jar"));
        Path lib = Files.createDirectory(dir.resolve(BridgeClassPath.DIRECTORY));
        Path nats = Files.createFile(lib.resolve("jnats-2.22.0.jar"));
        Path bridged = Files.writeString(dir.resolve("bridged.json"), "{\"bridge\": {\"nats\": {\"servers\": [\"nats://h:4222\"]}}}");
        Path local = Files.writeString(dir.resolve("local.json"), "{\"retention\": {\"durable\": true}}");

        assertEquals(jar + File.pathSeparator + nats, BridgeClassPath.of(jar.toString(), bridged));
        assertEquals(jar.toString(), BridgeClassPath.of(jar.toString(), local));
        assertEquals(jar.toString(), BridgeClassPath.of(jar.toString(), dir.resolve("absent.json")));
        String buildTree = "a/classes" + File.pathSeparator + "b.jar";
        assertEquals(buildTree, BridgeClassPath.of(buildTree, bridged), "a build tree's class path has them already");
    }

    @Test
    void aConfigThatDoesNotParseIsNotBridgedHere() throws Exception {
        assertFalse(BridgeClassPath.bridged(Files.writeString(dir.resolve("bad.json"), "{\"bridge\":")));
        assertTrue(BridgeClassPath.bridged(Files.writeString(dir.resolve("ok.json"), "{\"bridge\": {}}")));
    }

    @Test
    void aBridgeIsLookedForInTheTopLevelOnly() throws Exception {
        assertFalse(BridgeClassPath.bridged(Files.writeString(dir.resolve("nested.json"), "{\"retention\": {\"bridge\": 1}}")));
        assertFalse(BridgeClassPath.bridged(Files.writeString(dir.resolve("list.json"), "[{\"bridge\": {}}]")));
        assertTrue(BridgeClassPath.bridged(Files.writeString(dir.resolve("later.json"), "{\"a\": [1, {\"b\": 2}], \"bridge\": null}")));
    }

    /** Every consumer that forks its bus asks this: it must not load databind (about 400 classes, into the consume AOT caches too). */
    @Test
    void lookingForABridgeLoadsNoDatabindClass() throws Exception {
        Path bridged = Files.writeString(dir.resolve("bridged.json"), "{\"bridge\": {\"nats\": {}}}");
        for (Path config : List.of(dir.resolve("absent.json"), bridged)) {
            List<String> databind = LoadedClasses.of(dir, BridgeProbe.class.getName(), config.toString()).stream()
                    .filter(name -> name.startsWith("com.fasterxml.jackson.databind."))
                    .toList();
            assertEquals(List.of(), databind, config.toString());
        }
    }
}
