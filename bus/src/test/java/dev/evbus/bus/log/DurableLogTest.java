package dev.evbus.bus.log;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh durable log directory per test, and the log closed after it whatever happened. */
abstract class DurableLogTest {
    @TempDir
    Path home;
    DurableLogFixture fixture;

    @BeforeEach
    void newFixture() {
        fixture = new DurableLogFixture(home);
    }

    @AfterEach
    void closeLog() {
        fixture.close();
    }
}
