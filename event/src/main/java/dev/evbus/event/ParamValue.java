package dev.evbus.event;

/** One allowed value of an {@code enum} or {@code multi} parameter, with the description users see in {@code list}. */
public record ParamValue(String value, String description) {
}
