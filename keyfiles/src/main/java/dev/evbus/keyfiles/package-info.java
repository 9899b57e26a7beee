/** Declarative keys: key files in JSON or YAML, read into key definitions with errors that name file, line and field. */
package dev.evbus.keyfiles;
