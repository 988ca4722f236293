package io.cairn.repository.chunker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolynomialTest {
    /** The polynomial restic's chunker tests use. */
    static final Polynomial RESTIC_TEST_POL = new Polynomial(0x3DA3358B4DC173L);

    @Test
    void resticTestPolynomialIsIrreducibleOfDegree53() {
        assertThat(RESTIC_TEST_POL.degree()).isEqualTo(53);
        assertThat(RESTIC_TEST_POL.isIrreducible()).isTrue();
        assertThat(new Polynomial(0x2482734cacca49L).isIrreducible()).isTrue();
    }

    @Test
    void reducibleCandidatesFromResticsTestsAreRejected() {
        long[] reducible = {0x38f1e565e288dfL, 0x30a8295b9d5c91L, 0x255f4350b962cbL, 0x267f776110a235L,
            0x2f4dae10d41227L, 0x312daf4b284899L, 0x29dfb6553d01d1L, 0x3548245eb26257L, 0x3199e7ef4211b3L,
            0x362f39017dae8bL, 0x200d57aa6fdacbL, 0x35e0a4efa1d275L, 0x2ced55b026577fL, 0x260b012010893dL,
            0x2df29cbcd59e9dL, 0x3f2ac7488bd429L, 0x3e5cb1711669fbL, 0x226d8de57a9959L, 0x3c8de80aaf5835L,
            0x2026a59efb219bL, 0x39dfa4d13fb231L, 0x3143d0464b3299L};
        for (long f : reducible) {
            assertThat(new Polynomial(f).isIrreducible()).as("0x%x", f).isFalse();
        }
    }

    @Test
    void productsAndDegenerateValuesAreReducible() {
        // (x + 1) * P is divisible by x + 1; x^53 is divisible by x; 0 and 1 are not irreducible
        long timesXPlusOne = (RESTIC_TEST_POL.value() << 1) ^ RESTIC_TEST_POL.value();
        assertThat(new Polynomial(timesXPlusOne).isIrreducible()).isFalse();
        assertThat(new Polynomial(1L << 53).isIrreducible()).isFalse();
        assertThat(new Polynomial(0).isIrreducible()).isFalse();
        assertThat(new Polynomial(1).isIrreducible()).isFalse();
        assertThat(new Polynomial(0b111).isIrreducible()).isTrue(); // x^2 + x + 1
        assertThat(new Polynomial(0b101).isIrreducible()).isFalse(); // x^2 + 1 = (x + 1)^2
    }

    @Test
    void arithmeticMatchesResticsVectors() {
        assertThat(Polynomial.mod(0b101101001, 0b1010)).isEqualTo(1);
        assertThat(Polynomial.mod(0x8000000000000000L, 0x8000000000000000L)).isZero();
        assertThat(Polynomial.mod(0b1100001111, 0b10011)).isZero();
        assertThat(Polynomial.gcd(0x230d2259defdL, 0x51b492b3eff2L)).isEqualTo(0b10011);
        assertThat(Polynomial.gcd(RESTIC_TEST_POL.value(), 0x230d2259defdL)).isEqualTo(1);
        assertThat(Polynomial.gcd(0b1100, 0b101)).isEqualTo(0b11);
        assertThat(Polynomial.mulMod(0x1230, 0x230, 0x55)).isEqualTo(0x22);
        assertThat(Polynomial.mulMod(0x0eae8c07dbbb3026L, 0xd5d6db9de04771deL, 0xdd2bda3b77c9L))
            .isEqualTo(0x425ae8595b7aL);
    }

    @Test
    void randomGivesDistinctIrreduciblePolynomialsOfDegree53() {
        Polynomial a = Polynomial.random();
        Polynomial b = Polynomial.random();
        for (Polynomial p : new Polynomial[] {a, b}) {
            assertThat(p.degree()).isEqualTo(53);
            assertThat(p.isIrreducible()).isTrue();
        }
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void hexRoundTripsInResticsForm() {
        assertThat(RESTIC_TEST_POL.toHex()).isEqualTo("3da3358b4dc173");
        assertThat(Polynomial.parseHex("3da3358b4dc173")).isEqualTo(RESTIC_TEST_POL);
        assertThat(Polynomial.parseHex("0x3DA3358B4DC173")).isEqualTo(RESTIC_TEST_POL);
        Polynomial random = Polynomial.random();
        assertThat(Polynomial.parseHex(random.toHex())).isEqualTo(random);
        assertThatThrownBy(() -> Polynomial.parseHex("xyz")).isInstanceOf(NumberFormatException.class);
    }
}
