package dev.evbus.cli;

/** A command's one positional parameter, a string: required, or which may be left out (null then). */
record ParamDef(String label, boolean required, String description) {
}
