package dev.evbus.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.evbus.config.SettingsFile;
import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bus's class path. The NATS client and BouncyCastle are not in {@code evbus.jar}: every JVM
 * indexes each entry of its class path's jars, and theirs are 4,000 entries, about 1 MB resident in
 * every consumer and every idle bus. They sit in {@code bridge-lib/} beside the jar, and only a bus
 * whose app configures a bridge gets them. From a build tree (tests) the class path already has them.
 */
final class BridgeClassPath {
    static final String DIRECTORY = "bridge-lib";
    private static final JsonFactory JSON = new JsonFactory();

    private BridgeClassPath() {
    }

    /** {@code own} plus the bridge's jars when it is the runnable jar alone and {@code appConfig} has a {@code bridge}. */
    static String of(String own, Path appConfig) {
        if (own == null || own.contains(File.pathSeparator) || !own.endsWith(".jar") || !bridged(appConfig)) {
            return own;
        }
        Path lib = Path.of(own).toAbsolutePath().resolveSibling(DIRECTORY);
        List<String> entries = new ArrayList<>(List.of(own));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(lib, "*.jar")) {
            jars.forEach(jar -> entries.add(jar.toString()));
        } catch (IOException missing) {
            // without them the bus reports the bridge's missing classes itself; it serves locally
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Whether the app's config has a {@code bridge} section at its top level; a config that does not
     * parse is the bus's to report. Read with the streaming parser, and only once the file is known
     * to exist: every consumer that forks its bus comes here, and databind's ObjectMapper is about
     * 400 classes that would then also fill the {@code consume raw} AOT cache, 4.5 MB resident in
     * every idle consumer (a process loads every class of its cache at start).
     */
    static boolean bridged(Path appConfig) {
        byte[] config;
        try {
            config = SettingsFile.read(appConfig);
        } catch (IOException none) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(config)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean bridge = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                bridge |= "bridge".equals(parser.currentName());
                parser.nextToken();
                parser.skipChildren();
            }
            return bridge;
        } catch (IOException broken) {
            return false;
        }
    }
}
