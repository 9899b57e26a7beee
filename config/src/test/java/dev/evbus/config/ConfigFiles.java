package dev.evbus.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes app {@code shop}'s config file under a test's home and loads it as the bus would. */
final class ConfigFiles {
    private ConfigFiles() {
    }

    static AppConfig load(Path home, String json) throws IOException {
        Home at = new Home(home);
        Files.createDirectories(at.appConfig("shop").getParent());
        Files.writeString(at.appConfig("shop"), json);
        return AppConfig.load(at, "shop");
    }
}
