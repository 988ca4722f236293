package io.cairn.repository.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Injects faults with a fixed seed so failures reproduce: transient errors before a call, or after a save that
 * succeeded (the caller cannot tell), truncated or bit-flipped reads, damaged writes, and slow calls. Every
 * fault is off until enabled. Thread-safe; with several threads the order of draws, and so the faults, vary.
 */
public final class FaultInjectingBackend extends FilterBackend {
    private final Random random;
    private volatile double transientErrors;
    private volatile double truncatedLoads;
    private volatile double flippedLoads;
    private volatile double flippedSaves;
    private volatile double slowCalls;
    private volatile long slowMillis = 20;
    private final AtomicLong injected = new AtomicLong();

    public FaultInjectingBackend(Backend inner, long seed) {
        super(inner);
        this.random = new Random(seed);
    }

    public FaultInjectingBackend transientErrors(double probability) {
        this.transientErrors = probability;
        return this;
    }

    public FaultInjectingBackend truncatedLoads(double probability) {
        this.truncatedLoads = probability;
        return this;
    }

    public FaultInjectingBackend flippedLoads(double probability) {
        this.flippedLoads = probability;
        return this;
    }

    public FaultInjectingBackend flippedSaves(double probability) {
        this.flippedSaves = probability;
        return this;
    }

    public FaultInjectingBackend slowCalls(double probability, long millis) {
        this.slowCalls = probability;
        this.slowMillis = millis;
        return this;
    }

    /** Turns every fault off. */
    public FaultInjectingBackend heal() {
        transientErrors = truncatedLoads = flippedLoads = flippedSaves = slowCalls = 0;
        return this;
    }

    /** Number of faults injected so far. */
    public long injected() {
        return injected.get();
    }

    private boolean draw(double p) {
        if (p <= 0) {
            return false;
        }
        boolean hit;
        synchronized (random) {
            hit = random.nextDouble() < p;
        }
        if (hit) {
            injected.incrementAndGet();
        }
        return hit;
    }

    private int nextInt(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }

    private void before(String what) throws IOException {
        if (draw(slowCalls)) {
            try {
                Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (draw(transientErrors)) {
            throw new TransientBackendException("injected fault before " + what, null);
        }
    }

    private byte[] damage(byte[] data) {
        if (data.length > 0 && draw(truncatedLoads)) {
            return Arrays.copyOf(data, nextInt(data.length));
        }
        if (data.length > 0 && draw(flippedLoads)) {
            byte[] copy = data.clone();
            copy[nextInt(copy.length)] ^= (byte) (1 << nextInt(8));
            return copy;
        }
        return data;
    }

    @Override
    public boolean exists(Handle handle) throws IOException {
        before("exists " + handle);
        return inner.exists(handle);
    }

    @Override
    public byte[] load(Handle handle) throws IOException {
        before("load " + handle);
        return damage(inner.load(handle));
    }

    @Override
    public byte[] load(Handle handle, long offset, int length) throws IOException {
        before("load " + handle);
        return damage(inner.load(handle, offset, length));
    }

    @Override
    public void load(Handle handle, long offset, int length, byte[] into, int at) throws IOException {
        before("load " + handle);
        inner.load(handle, offset, length, into, at);
        if (length > 0 && draw(truncatedLoads)) {
            // what a short read leaves in a reused buffer: the tail is not this file's
            Arrays.fill(into, at + nextInt(length), at + length, (byte) 0);
        } else if (length > 0 && draw(flippedLoads)) {
            into[at + nextInt(length)] ^= (byte) (1 << nextInt(8));
        }
    }

    @Override
    public long size(Handle handle) throws IOException {
        before("size " + handle);
        return inner.size(handle);
    }

    @Override
    public void save(Handle handle, byte[] data) throws IOException {
        before("save " + handle);
        byte[] stored = data;
        if (data.length > 0 && draw(flippedSaves)) {
            stored = data.clone();
            stored[nextInt(stored.length)] ^= (byte) (1 << nextInt(8));
        }
        inner.save(handle, stored);
        if (draw(transientErrors)) {
            throw new TransientBackendException("injected fault after save " + handle, null);
        }
    }

    @Override
    public void save(Handle handle, List<byte[]> parts) throws IOException {
        before("save " + handle);
        List<byte[]> stored = parts;
        long total = parts.stream().mapToLong(p -> p.length).sum();
        if (total > 0 && draw(flippedSaves)) {
            long at = nextInt((int) Math.min(total, Integer.MAX_VALUE));
            List<byte[]> copy = new ArrayList<>(parts);
            for (int i = 0; i < copy.size(); i++) {
                byte[] part = copy.get(i);
                if (at < part.length) {
                    byte[] damaged = part.clone();
                    damaged[(int) at] ^= (byte) (1 << nextInt(8));
                    copy.set(i, damaged);
                    break;
                }
                at -= part.length;
            }
            stored = copy;
        }
        inner.save(handle, stored);
        if (draw(transientErrors)) {
            throw new TransientBackendException("injected fault after save " + handle, null);
        }
    }

    @Override
    public void saveFile(Handle handle, Path source) throws IOException {
        before("save " + handle);
        if (Files.size(source) > 0 && draw(flippedSaves)) {
            byte[] stored = Files.readAllBytes(source);
            stored[nextInt(stored.length)] ^= (byte) (1 << nextInt(8));
            inner.save(handle, stored);
        } else {
            inner.saveFile(handle, source);
        }
        if (draw(transientErrors)) {
            throw new TransientBackendException("injected fault after save " + handle, null);
        }
    }

    @Override
    public void remove(Handle handle) throws IOException {
        before("remove " + handle);
        inner.remove(handle);
    }

    @Override
    public List<FileInfo> list(FileType type) throws IOException {
        before("list " + type.directory());
        return inner.list(type);
    }
}
