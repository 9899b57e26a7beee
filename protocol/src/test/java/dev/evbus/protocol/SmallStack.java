package dev.evbus.protocol;

/** Runs test code on a thread with the stack of the bus's connection threads, where deep recursion overflows first. */
final class SmallStack {
    /** The bus reads frames on threads with 256 KiB stacks. */
    static final long SIZE = 256 * 1024;

    /** What a test body may throw. */
    interface Body {
        void run() throws Exception;
    }

    private SmallStack() {
    }

    /** Runs {@code body} on such a thread, waits for it, and rethrows what it threw. */
    static void run(Body body) throws Throwable {
        Throwable[] failure = new Throwable[1];
        Thread thread = Thread.ofPlatform().stackSize(SIZE).start(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        thread.join();
        if (failure[0] != null) {
            throw failure[0];
        }
    }
}
