package io.cairn.repository.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Json;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The repository's master key material exactly as stored inside key files: {@code {"mac":{"k","r"},"encrypt"}}.
 * Kept raw (Poly1305's r unclamped, as restic stores it) so that new key files carry the same bytes.
 */
final class MasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] encrypt;
    private final byte[] macK;
    private final byte[] macR;
    private final CryptoKey cryptoKey;

    private MasterKey(byte[] encrypt, byte[] macK, byte[] macR) {
        this.encrypt = encrypt;
        this.macK = macK;
        this.macR = macR;
        this.cryptoKey = new CryptoKey(encrypt, macK, macR);
    }

    /** A fresh random master key, as restic's crypto.NewRandomKey makes. */
    static MasterKey random() {
        byte[] enc = new byte[32];
        byte[] k = new byte[16];
        byte[] r = new byte[16];
        RANDOM.nextBytes(enc);
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(r);
        return new MasterKey(enc, k, r);
    }

    CryptoKey cryptoKey() {
        return cryptoKey;
    }

    /** The JSON plaintext to seal into a key file; the caller wipes it after sealing. */
    byte[] toJson() {
        try {
            return Json.MAPPER.writeValueAsBytes(new JsonForm(new Mac(macK, macR), encrypt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise master key", e);
        }
    }

    /** Parses decrypted key file data; rejects wrong sizes and all-zero keys as restic's Key.Valid does. */
    static MasterKey fromJson(byte[] json, String keyName) throws IOException {
        JsonForm form;
        try {
            form = Json.MAPPER.readValue(json, JsonForm.class);
        } catch (IOException e) {
            throw new CorruptDataException("key " + keyName + ": master key is not valid JSON");
        }
        if (form.mac() == null || !valid(form.encrypt(), 32) || !valid(form.mac().k(), 16) || !valid(form.mac().r(), 16)) {
            throw new CorruptDataException("key " + keyName + ": master key is missing, has wrong sizes, or is zero");
        }
        return new MasterKey(form.encrypt(), form.mac().k(), form.mac().r());
    }

    private static boolean valid(byte[] b, int length) {
        if (b == null || b.length != length) {
            return false;
        }
        for (byte x : b) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }

    @JsonPropertyOrder({"mac", "encrypt"})
    private record JsonForm(@JsonProperty("mac") Mac mac, @JsonProperty("encrypt") byte[] encrypt) {
    }

    @JsonPropertyOrder({"k", "r"})
    private record Mac(@JsonProperty("k") byte[] k, @JsonProperty("r") byte[] r) {
    }

    @Override
    public String toString() {
        return "MasterKey[hidden]";
    }
}
