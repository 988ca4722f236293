package io.cairn.repository.restorer;

import java.util.Arrays;

/** A growable list of ints: the restore's lists of entry indexes, without an Integer (16 bytes) per entry. */
final class IntList {
    private int[] values = new int[16];
    private int size;

    void add(int value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return values[index];
    }

    int size() {
        return size;
    }
}
