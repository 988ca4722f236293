package io.cairn.repository.chunker;

import java.security.SecureRandom;

/**
 * A polynomial over GF(2), coefficient of x^i in bit i of {@code value}. A repository's chunker uses an
 * irreducible one of degree 53 (the largest prime below 64 - 8, leaving room for the 8 bits the fingerprint
 * shifts in), picked at random when the repository is created and stored in hex in the config file.
 */
public record Polynomial(long value) {
    /** The degree of the polynomials {@link #random()} picks. */
    public static final int DEGREE = 53;

    private static final int MAX_TRIES = 1_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random irreducible polynomial of degree 53, as {@code restic init} picks. */
    public static Polynomial random() {
        for (int i = 0; i < MAX_TRIES; i++) {
            // keep bits 0..53, then force x^53 (degree) and 1 (else x divides it)
            long f = RANDOM.nextLong() & ((1L << (DEGREE + 1)) - 1);
            f |= (1L << DEGREE) | 1L;
            Polynomial p = new Polynomial(f);
            if (p.isIrreducible()) {
                return p;
            }
        }
        // about one in 53 candidates is irreducible, so this is never reached in practice
        throw new IllegalStateException("no irreducible polynomial found in " + MAX_TRIES + " tries");
    }

    /**
     * Parses the hex form stored in the config file's {@code chunker_polynomial} (an optional {@code 0x} prefix
     * is accepted). Throws {@link NumberFormatException} on anything else.
     */
    public static Polynomial parseHex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return new Polynomial(Long.parseUnsignedLong(digits, 16));
    }

    /** The hex form for the config file: lowercase, no prefix, as restic writes it. */
    public String toHex() {
        return Long.toHexString(value);
    }

    /** The degree, -1 for the zero polynomial. */
    public int degree() {
        return degree(value);
    }

    /**
     * Whether this polynomial is irreducible over GF(2), by Ben-Or's test: x is irreducible iff
     * gcd(x, x^(2^i) - x mod x) = 1 for every i from 1 to deg/2.
     */
    public boolean isIrreducible() {
        int deg = degree();
        if (deg < 1) {
            return false;
        }
        for (int i = 1; i <= deg / 2; i++) {
            if (gcd(value, xPow2PowMinusX(i, value)) != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "0x" + toHex();
    }

    static int degree(long x) {
        return 63 - Long.numberOfLeadingZeros(x);
    }

    /** The remainder of x divided by d (d non-zero). */
    static long mod(long x, long d) {
        if (d == 0) {
            throw new ArithmeticException("division by the zero polynomial");
        }
        int dd = degree(d);
        for (int diff = degree(x) - dd; diff >= 0; diff = degree(x) - dd) {
            x ^= d << diff;
        }
        return x;
    }

    /** x * f mod g, for g of degree at most 63. */
    static long mulMod(long x, long f, long g) {
        int dg = degree(g);
        long top = 1L << dg;
        long a = mod(x, g);
        long res = 0;
        for (long rest = f; rest != 0; rest >>>= 1) {
            if ((rest & 1) != 0) {
                res ^= a;
            }
            a <<= 1;
            if ((a & top) != 0) {
                a ^= g;
            }
        }
        return mod(res, g);
    }

    static long gcd(long a, long b) {
        while (b != 0) {
            long r = mod(a, b);
            a = b;
            b = r;
        }
        return a;
    }

    /** (x^(2^p) - x) mod g, for Ben-Or's test. */
    private static long xPow2PowMinusX(int p, long g) {
        long res = 2; // the polynomial x
        for (int i = 0; i < p; i++) {
            res = mulMod(res, res, g);
        }
        return mod(res ^ 2, g);
    }
}
