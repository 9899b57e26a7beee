package dev.evbus.pipeline;

/**
 * One thing wrong with a stage's definition. {@code path} names the field as a JSON Pointer from
 * the key's root (such as {@code /stages/2/lookup/table}) so a key file reader can add its line.
 */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
