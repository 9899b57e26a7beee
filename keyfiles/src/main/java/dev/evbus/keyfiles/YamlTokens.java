package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * A YAML key file's tokens, from SnakeYAML's event parser, as jackson-dataformat-yaml 2.21's
 * {@code YAMLParser.nextToken} gave them (the parser key files were read with before). Not
 * Jackson's parser itself, because every Jackson parser's base class holds {@code BigDecimal}
 * constants, and on JDK 25 initialising {@code BigDecimal} costs a command 20 ms of CPU (decision
 * 0004). Kept from it on purpose, since users see the result: the tokens (an alias is its anchor's
 * name, as text; a scalar as {@link YamlScalar} types it), the lines (a token's is where its event
 * starts; a problem's where the last event read ends), the field a problem is reported at, and its
 * message. Strict like the old factory: a field named twice in a mapping is a problem. Not
 * thread-safe: one per read.
 */
final class YamlTokens implements TokenSource {
    private final Parser events;
    private YamlContext context = YamlContext.root();
    /** The last event read: tokens are located at its start, problems at its end. */
    private Event last;
    private JsonToken current;
    private YamlScalar scalar;
    private String name;
    private boolean closed;

    private YamlTokens(Parser events) {
        this.events = events;
    }

    /** The tokens of a file's bytes, decoded as UTF-8 the way the old parser decoded them. */
    static YamlTokens of(byte[] bytes) {
        return new YamlTokens(new ParserImpl(new StreamReader(new Utf8Chars(bytes)), new LoaderOptions()));
    }

    @Override
    public JsonToken next() throws IOException {
        if (closed) {
            return null;
        }
        while (true) {
            Event event = nextEvent();
            if (event == null) {
                return current = null;
            }
            last = event;
            if (context.inObject()) {
                if (current != JsonToken.FIELD_NAME) {
                    return fieldNameOrEnd(event);
                }
            } else if (context.inArray()) {
                context.nextElement();
            }
            JsonToken token = value(event);
            if (token != JsonToken.NOT_AVAILABLE) {
                return current = token;
            }
        }
    }

    /** In a mapping, where a field's name is due: the name, or the mapping's end. */
    private JsonToken fieldNameOrEnd(Event event) throws IOException {
        if (event instanceof ScalarEvent key) {
            name = key.getValue();
            if (!context.name(name)) {
                throw problem("Duplicate field '" + name + "'");
            }
            return current = JsonToken.FIELD_NAME;
        }
        if (event.is(Event.ID.MappingEnd)) {
            context = context.parent();
            return current = JsonToken.END_OBJECT;
        }
        // a mapping, sequence or alias as a key, which a JSON tree cannot hold
        throw problem("Expected a field name (Scalar value in YAML), got this instead: " + event);
    }

    /**
     * The token of an event where a value is due; {@code NOT_AVAILABLE} for the events that give
     * none (the stream's and documents' starts and ends: a second document shows as its value).
     */
    private JsonToken value(Event event) throws IOException {
        scalar = null;
        switch (event.getEventId()) {
            case Scalar -> {
                try {
                    scalar = YamlScalar.of((ScalarEvent) event);
                } catch (YamlScalar.Refused refused) {
                    throw problem(refused.getMessage());
                }
                return scalar.token();
            }
            case Alias -> {
                scalar = YamlScalar.alias(((AliasEvent) event).getAnchor());
                return scalar.token();
            }
            case MappingStart -> {
                context = context.object();
                StreamReadConstraints.defaults().validateNestingDepth(context.depth());
                return JsonToken.START_OBJECT;
            }
            case SequenceStart -> {
                context = context.array();
                StreamReadConstraints.defaults().validateNestingDepth(context.depth());
                return JsonToken.START_ARRAY;
            }
            case SequenceEnd -> {
                context = context.parent();
                return JsonToken.END_ARRAY;
            }
            case StreamEnd -> {
                closed = true;
                return null;
            }
            case MappingEnd -> throw problem("Not expecting END_OBJECT but a value"); // SnakeYAML balances its events
            default -> {
                return JsonToken.NOT_AVAILABLE;
            }
        }
    }

    /** SnakeYAML's next event; its errors worded as the old parser worded them, at its place. */
    private Event nextEvent() throws YamlSyntaxError {
        try {
            return events.getEvent();
        } catch (MarkedYAMLException bad) {
            if (bad.getProblem() == null) {
                throw problem(KeyFileReader.firstLine(bad.getMessage()));
            }
            throw problem(bad.getProblem() + (bad.getContext() == null ? "" : " (" + bad.getContext() + ")"));
        } catch (YAMLException bad) {
            // an unreadable character, or the file too long: the message names it
            throw problem(KeyFileReader.firstLine(bad.getMessage()));
        } catch (NumberFormatException bad) {
            throw problem("Malformed Number token: failed to tokenize due to (" + bad.getClass().getName() + "): " + bad.getMessage());
        }
    }

    private YamlSyntaxError problem(String message) {
        Mark end = last == null ? null : last.getEndMark();
        return new YamlSyntaxError(end == null ? -1 : end.getLine() + 1, context.pointer(), message);
    }

    @Override
    public int tokenLine() {
        Mark start = last == null ? null : last.getStartMark();
        return start == null ? -1 : start.getLine() + 1;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public JsonNode scalar() throws IOException {
        try {
            return scalar.node();
        } catch (YamlScalar.Refused refused) {
            throw problem(refused.getMessage());
        }
    }

    @Override
    public String text() {
        return scalar.text();
    }

    @Override
    public void skipChildren() throws IOException {
        if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
            return;
        }
        for (int open = 1; open > 0; ) {
            JsonToken token = next();
            if (token == null) {
                throw problem("Unexpected end-of-input"); // as the old parser's skip: only a scan skips
            }
            if (token.isStructStart()) {
                open++;
            } else if (token.isStructEnd()) {
                open--;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
