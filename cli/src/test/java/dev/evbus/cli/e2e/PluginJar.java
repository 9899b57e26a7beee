package dev.evbus.cli.e2e;

import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.ScratchDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The test keys as a real plugin jar: the provider's source (a test resource) compiled against
 * the built evbus.jar, with its service registration. Built once per source version into the
 * cli module's target directory, then copied into each test's {@code $EVBUS_HOME/plugins}.
 */
final class PluginJar {
    private static final String PROVIDER = "dev.evbus.e2e.plugin.JournalKeys";
    private static final String SOURCE_RESOURCE = "/e2e-plugin/" + PROVIDER.replace('.', '/') + ".java";

    private PluginJar() {
    }

    /** Installs the plugin into the home's plugins directory. */
    static void install(Evbus evbus) throws IOException {
        Path plugins = Files.createDirectories(evbus.home().resolve("plugins"));
        Files.copy(built(evbus.root()), plugins.resolve("journal-keys.jar"));
    }

    private static Path built(Path root) throws IOException {
        String source = readSource();
        Path evbusJar = root.resolve("cli/target/evbus.jar");
        Path jar = root.resolve("cli/target/e2e-plugin/journal-keys-" + fingerprint(source, evbusJar) + ".jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Path work = Files.createTempDirectory("e2e-plugin");
        try {
            Path sourceFile = work.resolve("src/" + PROVIDER.replace('.', '/') + ".java");
            Files.createDirectories(sourceFile.getParent());
            Files.writeString(sourceFile, source);
            Path classes = Files.createDirectories(work.resolve("classes"));
            compile(evbusJar, sourceFile, classes);
            Path temp = work.resolve("plugin.jar");
            writeJar(temp, classes);
            Files.createDirectories(jar.getParent());
            Files.move(temp, jar, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            ScratchDir.delete(work);
        }
        return jar;
    }

    private static void compile(Path evbusJar, Path sourceFile, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK (javax.tools) to build the plugin");
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "--release", "21", "-proc:none",
                "-cp", evbusJar.toString(), "-d", classes.toString(), sourceFile.toString());
        if (status != 0) {
            throw new IllegalStateException("the test plugin does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }

    private static void writeJar(Path jar, Path classes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        List<Path> classFiles;
        try (Stream<Path> walk = Files.walk(classes)) {
            classFiles = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("META-INF/services/dev.evbus.event.KeyProvider"));
            out.write((PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Path classFile : classFiles) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString()));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
        }
    }

    private static String readSource() throws IOException {
        try (InputStream in = PluginJar.class.getResourceAsStream(SOURCE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + SOURCE_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Changes with the source and with the jar it was compiled against. */
    private static String fingerprint(String source, Path evbusJar) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(source.getBytes(StandardCharsets.UTF_8));
            sha.update(Long.toString(Files.getLastModifiedTime(evbusJar).toMillis()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
