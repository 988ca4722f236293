package io.cairn.repository.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.UnpackedFiles;
import io.cairn.repository.UnsupportedFormatException;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.chunker.Polynomial;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The repository's config file: format version, a random repository ID and the chunker polynomial. Stored as
 * {@code {"version":2,"id":"<64 hex>","chunker_polynomial":"<hex>"}}, sealed with the master key and, like
 * restic does in every version, never compressed (restic reads the config before it knows the version, so it
 * does not decompress it).
 */
public record RepositoryConfig(int version, String id, Polynomial chunkerPolynomial) {
    public static final int MIN_VERSION = 1;
    /** The newest format this build reads and writes; also the version new repositories get. */
    public static final int MAX_VERSION = 2;

    private static final SecureRandom RANDOM = new SecureRandom();

    public RepositoryConfig {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("repository ID is empty");
        }
        if (chunkerPolynomial == null) {
            throw new IllegalArgumentException("chunker polynomial is missing");
        }
    }

    /** A config for a new repository: a random 64-hex-digit ID, as restic's CreateConfig makes. */
    public static RepositoryConfig create(int version, Polynomial polynomial) {
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw new IllegalArgumentException("cannot create repository format version " + version);
        }
        byte[] id = new byte[Id.LENGTH];
        RANDOM.nextBytes(id);
        return new RepositoryConfig(version, Id.of(id).toString(), polynomial);
    }

    /** True from version 2 on: blobs and unpacked files may be zstd-compressed. */
    public boolean compression() {
        return version >= 2;
    }

    /** The JSON restic writes (Go's encoding/json, field order and hex polynomial included). */
    public byte[] toJson() throws IOException {
        return Json.MAPPER.writeValueAsBytes(new JsonForm(version, id, chunkerPolynomial.toHex()));
    }

    /**
     * Parses and checks a config's JSON.
     *
     * @throws UnsupportedFormatException when the version is newer than {@link #MAX_VERSION} (or below 1)
     * @throws CorruptDataException when the JSON is not a valid config
     */
    public static RepositoryConfig fromJson(byte[] json) throws IOException {
        JsonForm form;
        try {
            form = Json.MAPPER.readValue(json, JsonForm.class);
        } catch (IOException e) {
            throw new CorruptDataException("config is not valid JSON: " + e.getMessage(), e);
        }
        if (form.version() > MAX_VERSION) {
            throw new UnsupportedFormatException("repository format version " + form.version()
                    + " is newer than this Cairn supports (up to " + MAX_VERSION + ")");
        }
        if (form.version() < MIN_VERSION) {
            throw new UnsupportedFormatException("unsupported repository format version " + form.version());
        }
        Polynomial polynomial;
        try {
            if (Long.parseUnsignedLong(form.chunkerPolynomial(), 16) == 0) {
                throw new CorruptDataException("config: chunker polynomial is zero");
            }
            polynomial = Polynomial.parseHex(form.chunkerPolynomial());
        } catch (RuntimeException e) {
            throw new CorruptDataException("config: chunker polynomial '" + form.chunkerPolynomial() + "' is not valid hex");
        }
        try {
            return new RepositoryConfig(form.version(), form.id(), polynomial);
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("config: " + e.getMessage());
        }
    }

    /** Loads and decrypts the config file; {@link io.cairn.repository.NotFoundException} when there is none. */
    public static RepositoryConfig load(Backend backend, CryptoKey masterKey) throws IOException {
        return fromJson(UnpackedFiles.load(backend, masterKey, Handle.CONFIG));
    }

    /** Seals and writes the config file (named "config", not by its hash), uncompressed as restic requires. */
    public void save(Backend backend, CryptoKey masterKey) throws IOException {
        backend.save(Handle.CONFIG, masterKey.seal(toJson()));
    }

    @JsonPropertyOrder({"version", "id", "chunker_polynomial"})
    private record JsonForm(
            @JsonProperty("version") int version,
            @JsonProperty("id") String id,
            @JsonProperty("chunker_polynomial") String chunkerPolynomial) {
    }
}
