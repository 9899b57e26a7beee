package dev.evbus.busdiscover;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs in a child JVM so tests can see a lock from another process. Tries the lock once: prints
 * {@code locked} and keeps it until stdin closes, or prints {@code busy} and exits.
 */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        Optional<FileLocks.Held> held = FileLocks.tryAcquire(Path.of(args[0]));
        if (held.isEmpty()) {
            System.out.println("busy");
            return;
        }
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
            // keep the lock until the parent closes our stdin or kills us
        }
        held.get().close();
    }
}
