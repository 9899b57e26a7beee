package dev.evbus.config;

import java.io.IOException;

/** An app's config file says something evbus cannot use; the message names the file and the field. */
public final class ConfigException extends IOException {
    public ConfigException(String message) {
        super(message);
    }
}
