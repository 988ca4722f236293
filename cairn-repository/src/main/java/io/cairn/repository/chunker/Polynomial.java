package io.cairn.repository.chunker;

/** STUB — replaced by the chunker work. An irreducible polynomial of degree 53 over GF(2), as restic uses. */
public record Polynomial(long value) {
    /** A random irreducible polynomial of degree 53, as {@code restic init} picks. */
    public static Polynomial random() {
        return new Polynomial(0x3DA3358B4DC173L);
    }

    /** Parses the hex form stored in the config file's {@code chunker_polynomial}. */
    public static Polynomial parseHex(String hex) {
        return new Polynomial(Long.parseUnsignedLong(hex, 16));
    }

    /** The hex form for the config file. */
    public String toHex() {
        return Long.toHexString(value);
    }
}
