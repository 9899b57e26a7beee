package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * No class of the cli module carries a picocli annotation ({@code @Command}, {@code @Option},
 * {@code @Parameters}, {@code @Mixin}, {@code @Spec}, {@code @ParentCommand}, {@code @ArgGroup},
 * ...): a command modelled from annotations costs every evbus start tens of milliseconds of
 * reflection and annotation proxies. Commands are built with {@link CommandSpecs} instead.
 *
 * <p>An annotation a class carries is named in its constant pool by its descriptor, e.g.
 * {@code Lpicocli/CommandLine$Command;}; an import alone leaves no trace there.
 */
class NoPicocliAnnotationsTest {

    /** The descriptor of every annotation type picocli declares, read from picocli itself so a new one is covered too. */
    private static final List<String> DESCRIPTORS = Arrays.stream(CommandLine.class.getDeclaredClasses())
            .filter(Class::isAnnotation)
            .map(type -> "L" + type.getName().replace('.', '/') + ";")
            .toList();

    @Test
    void noMainClassOfTheCliModuleCarriesAPicocliAnnotation() throws Exception {
        Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Map<String, List<String>> annotated = new TreeMap<>();
        int scanned;
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> classFiles = files.filter(file -> file.toString().endsWith(".class")).toList();
            scanned = classFiles.size();
            for (Path file : classFiles) {
                List<String> found = picocliAnnotations(Files.readAllBytes(file));
                if (!found.isEmpty()) {
                    annotated.put(classes.relativize(file).toString(), found);
                }
            }
        }
        // not vacuous: the scan saw the command classes
        assertTrue(Files.isRegularFile(classes.resolve("dev/evbus/cli/ListCommand.class")), classes + " holds no ListCommand.class");
        assertTrue(scanned > 20, "only " + scanned + " classes under " + classes);
        assertEquals(Map.of(), annotated, "classes modelled with picocli annotations (use CommandSpecs, picocli's programmatic API)");
    }

    @Test
    void theScanFindsTheAnnotationsOfAnAnnotatedCommand() throws IOException {
        assertTrue(DESCRIPTORS.containsAll(List.of("Lpicocli/CommandLine$Command;", "Lpicocli/CommandLine$Option;",
                "Lpicocli/CommandLine$Parameters;", "Lpicocli/CommandLine$Mixin;", "Lpicocli/CommandLine$Spec;",
                "Lpicocli/CommandLine$ParentCommand;", "Lpicocli/CommandLine$ArgGroup;")), DESCRIPTORS.toString());
        // picocli's own help command is modelled from annotations: @Command, @Option and @Parameters
        try (InputStream in = CommandLine.class.getResourceAsStream("CommandLine$HelpCommand.class")) {
            assertNotNull(in, "picocli's CommandLine$HelpCommand.class");
            assertEquals(List.of("Lpicocli/CommandLine$Command;", "Lpicocli/CommandLine$Option;", "Lpicocli/CommandLine$Parameters;"),
                    picocliAnnotations(in.readAllBytes()).stream().sorted().toList());
        }
    }

    /** The picocli annotation descriptors in a class file's bytes (its constant pool's UTF-8 entries are plain ASCII for these). */
    private static List<String> picocliAnnotations(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        return DESCRIPTORS.stream().filter(text::contains).toList();
    }
}
