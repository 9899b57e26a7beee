package dev.evbus.keyfiles;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/** A JSON key file's tokens, read by a Jackson parser. As thread-safe as its parser: not at all. */
record JacksonTokens(JsonParser parser) implements TokenSource {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public JsonToken next() throws IOException {
        return parser.nextToken();
    }

    @Override
    public int tokenLine() {
        return parser.currentTokenLocation().getLineNr();
    }

    @Override
    public String name() throws IOException {
        return parser.currentName();
    }

    @Override
    public JsonNode scalar() throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> NODES.numberNode(parser.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
    }

    @Override
    public String text() throws IOException {
        return parser.getText();
    }

    @Override
    public void skipChildren() throws IOException {
        parser.skipChildren();
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
