package dev.evbus.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import dev.evbus.testkit.Evbus;
import dev.evbus.testkit.EvbusProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The complete program of docs/commands.md, compiled as a plugin author would and run in its own
 * JVM (the build's JDK, which restricts native access) with nothing but the class path: it
 * publishes to a real bus and prints only its own line.
 */
@ExtendWith(EvbusExtension.class)
class JavaPublisherProgramIT {
    @TempDir
    Path work;

    /** The java block that follows "A complete program" in docs/commands.md. */
    private static String documentedProgram(Path root) throws IOException {
        String page = Files.readString(root.resolve("docs/commands.md"));
        int from = page.indexOf("```java\n", page.indexOf("A complete program"));
        assertTrue(from >= 0, "docs/commands.md has no complete Java program");
        from += "```java\n".length();
        return page.substring(from, page.indexOf("```", from));
    }

    private static void compile(Path evbusJar, Path source, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, "-proc:none", "-cp", evbusJar.toString(), "-d", classes.toString(),
                source.toString());
        assertEquals(0, status, "the documented program does not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDocumentedProgramPublishesToARunningBusOnThisJdkWithNoFlagsAndPrintsNoWarning(Evbus evbus) throws Exception {
        assertTrue(Runtime.version().feature() >= 24, "a JDK that warns about restricted methods: " + Runtime.version());
        Path evbusJar = evbus.root().resolve("cli/target/evbus.jar");
        Path source = work.resolve("Checkout.java");
        Files.writeString(source, documentedProgram(evbus.root()));
        Path classes = Files.createDirectories(work.resolve("classes"));
        compile(evbusJar, source, classes);
        EvbusProcess consumer = evbus.consumeReady("raw", "--app", "shop", "-p", "type=order.*", "--max-events", "1000");

        // The class path alone: evbus.jar's Enable-Native-Access manifest entry counts only with java -jar.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        EvbusProcess program = evbus.shell(java + " -cp " + evbusJar + ":" + classes + " Checkout");

        assertEquals(0, program.awaitExit(), program.describe());
        assertEquals(List.of("sent 1000, spooled 0, dropped 0"), program.stdout(), program.describe());
        assertEquals(List.of(), program.stderr(), "no WARNING (restricted method or other) from the publisher: " + program.describe());
        assertEquals(0, consumer.awaitExit(), consumer.describe());
        assertEquals(1000, consumer.eventIds().size(), consumer.describe());
    }
}
