package io.cairn.kube.rules;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * While pods are quiesced, a JVM shutdown (Ctrl-C, SIGTERM) must not leave them frozen: this hook interrupts
 * the engine's thread, whose finally-block runs the post actions, and holds the shutdown until that release is
 * done (or a grace period passes; the durable record still lets {@code cairn backup release} finish the job).
 */
final class ReleaseOnExit implements AutoCloseable {
    private final Thread engine;
    private final Duration grace;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Thread hook;
    private final boolean registered;

    private ReleaseOnExit(Thread engine, Duration grace, boolean register) {
        this.engine = engine;
        this.grace = grace;
        this.hook = new Thread(this::onExit, "cairn-release-on-exit");
        this.registered = register && register(hook);
    }

    /** Guards the calling thread's quiesce window until {@link #released()} and {@link #close()}. */
    static ReleaseOnExit guard(Duration grace) {
        return new ReleaseOnExit(Thread.currentThread(), grace, true);
    }

    /** For tests: the same behaviour without a JVM hook; call {@link #onExit()} to play the shutdown. */
    static ReleaseOnExit unregistered(Thread engine, Duration grace) {
        return new ReleaseOnExit(engine, grace, false);
    }

    /** The engine calls this once every quiesced pod has been released (or release was attempted). */
    void released() {
        released.countDown();
    }

    /** What the JVM runs on shutdown. */
    void onExit() {
        if (released.getCount() == 0) {
            return;
        }
        engine.interrupt();
        try {
            released.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        if (registered) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run; nothing to remove
            }
        }
    }

    private static boolean register(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }
}
