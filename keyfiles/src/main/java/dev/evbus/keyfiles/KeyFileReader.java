package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.evbus.pipeline.LoadedFiles;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import dev.evbus.pipeline.Problem;
import dev.evbus.pipeline.StageLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Reads key files: {@code .json} as JSON, {@code .yaml}/{@code .yml} as YAML, both strictly (a
 * field given twice is a problem), into a {@link KeyFile}. Every problem carries the line of the
 * field it is about. Thread-safe: the factories are, and nothing else is kept between reads.
 */
public final class KeyFileReader {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final DefinitionReader definitions;

    /** {@code files} caches the tables and databases stages open, for the whole process. */
    public KeyFileReader(StageLibrary library, LoadedFiles files) {
        this.definitions = new DefinitionReader(library, files);
    }

    /**
     * A reader that checks everything but the stages' options, and so opens no table or database:
     * the bus (which runs hooks, not stages) and {@code list} (which shows what a key declares).
     */
    public static KeyFileReader withoutStageChecks() {
        return new KeyFileReader(null, new LoadedFiles());
    }

    /**
     * A reader that compiles the stages but only checks that their tables and databases are there
     * and readable, without reading them ({@code keys check}, {@code schema}).
     */
    public static KeyFileReader checking(StageLibrary library) {
        return new KeyFileReader(library, LoadedFiles.checking());
    }

    /** Whether a file name says it is a key file. */
    public static boolean isKeyFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The strict parser factory for a key file's name: JSON for {@code .json}, else YAML. */
    static JsonFactory factoryFor(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }

    public KeyFile read(Path file) {
        Path origin = file.toAbsolutePath().normalize();
        if (!isKeyFile(origin)) {
            return refused(origin, "not a key file: its name must end in .json, .yaml or .yml");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(origin);
        } catch (NoSuchFileException missing) {
            return refused(origin, "no such file");
        } catch (IOException unreadable) {
            return refused(origin, "cannot be read: " + unreadable.getMessage());
        }
        SourceDocument document;
        try (JsonParser parser = factoryFor(origin).createParser(bytes)) {
            document = SourceDocument.read(parser);
            if (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                return new KeyFile.Refused(origin, List.of(new KeyFileProblem(line, "(file)",
                        "a key file holds one document; another starts here")));
            }
        } catch (StreamReadException bad) {
            return new KeyFile.Refused(origin, List.of(syntax(bad)));
        } catch (JsonProcessingException | RuntimeException bad) {
            return new KeyFile.Refused(origin, List.of(new KeyFileProblem(1, "(file)", "cannot be parsed: " + firstLine(bad.getMessage()))));
        } catch (IOException unreadable) {
            return refused(origin, "cannot be read: " + unreadable.getMessage());
        }
        List<Problem> problems = new ArrayList<>();
        KeyFile.Loaded loaded = definitions.read(document.root(), origin, problems);
        if (loaded != null) {
            return loaded;
        }
        List<KeyFileProblem> located = new ArrayList<>();
        for (Problem problem : problems) {
            located.add(new KeyFileProblem(document.line(problem.path()), document.field(problem.path()), problem.message()));
        }
        located.sort(Comparator.comparingInt(KeyFileProblem::line));
        return new KeyFile.Refused(origin, located);
    }

    private static KeyFile refused(Path file, String message) {
        return new KeyFile.Refused(file, List.of(new KeyFileProblem(0, "(file)", message)));
    }

    /** A syntax error or a duplicate field, at the parser's line, named by where the parser was. */
    private static KeyFileProblem syntax(StreamReadException bad) {
        JsonLocation location = bad.getLocation();
        int line = location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
        String message = firstLine(bad.getOriginalMessage());
        if (bad.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
            message = yaml.getProblem() + (yaml.getContext() == null ? "" : " (" + yaml.getContext() + ")");
        }
        String field = "(file)";
        if (bad.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String pointer = parser.getParsingContext().pathAsPointer().toString();
            field = pointer.isEmpty() ? field : SourceDocument.fieldOf(pointer);
        }
        if (message.startsWith("Duplicate field")) {
            return new KeyFileProblem(line, field, "given twice (a field may appear once)");
        }
        return new KeyFileProblem(line, field, "not valid " + (bad.getProcessor() instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser
                ? "YAML" : "JSON") + ": " + message);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
