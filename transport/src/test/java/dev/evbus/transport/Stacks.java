package dev.evbus.transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/** Waits until a thread is inside a given method: how a test knows a read or connect really waits. */
final class Stacks {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private Stacks() {
    }

    /** Until {@code thread} runs {@code className.method}; fails after ten seconds. */
    static void awaitIn(Thread thread, String className, String method) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!runs(thread.getStackTrace(), className, method)) {
            if (!thread.isAlive() || System.nanoTime() - deadline > 0) {
                throw new AssertionError(thread + " never got into " + className + "." + method + ": "
                        + Arrays.toString(thread.getStackTrace()));
            }
            Thread.sleep(1); // a poll interval, not a guess: the loop checks the stack itself
        }
    }

    /** Until some thread named {@code name} runs {@code className.method}; returns it. */
    static Thread awaitThreadIn(String name, String className, String method) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
                if (thread.getKey().getName().equals(name) && runs(thread.getValue(), className, method)) {
                    return thread.getKey();
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no thread " + name + " got into " + className + "." + method);
            }
            Thread.sleep(1);
        }
    }

    /** Until no thread named {@code name} is alive: a thread that should have ended did. */
    static void awaitNoThread(String name) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive())) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("a thread " + name + " is still alive");
            }
            Thread.sleep(1);
        }
    }

    private static boolean runs(StackTraceElement[] stack, String className, String method) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(className) && frame.getMethodName().equals(method)) {
                return true;
            }
        }
        return false;
    }
}
