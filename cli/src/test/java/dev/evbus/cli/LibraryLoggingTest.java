package dev.evbus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LibraryLoggingTest {

    @Test
    void theConfigurationClassNamedForTheJdkIsTheOneThatExists() {
        assertEquals(LibraryLogging.Config.class.getName(), LibraryLogging.CONFIG_NAME);
    }

    @Test
    void aCommandWritesALibraryWarningAsOneEvbusLine() {
        LogRecord record = new LogRecord(Level.WARNING, "cannot write {0}:\nforged line");
        record.setParameters(new Object[] {"the spool"});
        record.setThrown(new IOException("disk full"));

        assertEquals("evbus: warning: cannot write the spool: forged line: java.io.IOException: disk full",
                new LibraryLogging.LineHandler(false).line(record));
    }

    @Test
    void aBusWritesALibraryErrorAsABusLogLineNamingTheLogger() {
        LogRecord record = new LogRecord(Level.SEVERE, "boom");
        record.setLoggerName("com.github.benmanes.caffeine.cache.LocalCache");

        String line = new LibraryLogging.LineHandler(true).line(record);

        assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z ERROR boom \\(from com.github.benmanes.caffeine.cache.LocalCache\\)"),
                line);
    }
}
