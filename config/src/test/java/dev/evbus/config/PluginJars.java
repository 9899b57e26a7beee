package dev.evbus.config;

import dev.evbus.event.KeyDefinition;
import dev.evbus.event.KeyProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars for tests. The provider is compiled once; it names its key after the jar
 * it is loaded from ({@code plugin.<jar stem>}), so every jar a test writes brings a key of its own.
 */
final class PluginJars {
    static final String PROVIDER = "plugin.sample.SampleProvider";
    private static final String SOURCE = """
            package plugin.sample;

            import com.fasterxml.jackson.databind.node.JsonNodeFactory;
            import dev.evbus.event.KeyDefinition;
            import dev.evbus.event.KeyProvider;
            import java.nio.file.Path;
            import java.util.List;

            public class SampleProvider implements KeyProvider {
                @Override
                public List<KeyDefinition> keys() {
                    String jar;
                    try {
                        jar = Path.of(getClass().getProtectionDomain().getCodeSource().getLocation().toURI())
                                .getFileName().toString();
                    } catch (java.net.URISyntaxException e) {
                        throw new IllegalStateException(e);
                    }
                    return List.of(KeyDefinition.builder("plugin." + jar.substring(0, jar.length() - ".jar".length()))
                            .eventType("order.placed")
                            .nativeSchema(JsonNodeFactory.instance.objectNode())
                            .build());
                }
            }
            """;

    private final Path classes;

    private PluginJars(Path classes) {
        this.classes = classes;
    }

    /** Compiles the provider into {@code workDir} against the test class path. */
    static PluginJars compile(Path workDir) throws IOException {
        Path source = workDir.resolve("src/plugin/sample/SampleProvider.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, SOURCE);
        Path classes = workDir.resolve("classes");
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics,
                "-cp", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
        if (status != 0) {
            throw new IllegalStateException("plugin did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        return new PluginJars(classes);
    }

    static String keyOf(String jarStem) {
        return "plugin." + jarStem;
    }

    /** Writes {@code <dir>/<stem>.jar} holding the provider and its service registration. */
    Path jar(Path dir, String stem) throws IOException {
        Files.createDirectories(dir);
        Path jar = dir.resolve(stem + ".jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            add(out, "META-INF/services/" + KeyProvider.class.getName(), (PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            List<Path> classFiles;
            try (Stream<Path> walk = Files.walk(classes)) {
                classFiles = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path classFile : classFiles) {
                add(out, classes.relativize(classFile).toString().replace('\\', '/'), Files.readAllBytes(classFile));
            }
        }
        return jar;
    }

    private static void add(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content);
        out.closeEntry();
    }
}
