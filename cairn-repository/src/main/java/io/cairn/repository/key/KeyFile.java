package io.cairn.repository.key;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.OffsetDateTime;

/**
 * A key file's JSON, field for field as restic writes it ({@code internal/repository/key.go}): who made it, the
 * scrypt parameters and salt, and {@code data} = the master key's JSON sealed with the key derived from the
 * password. Byte arrays are standard base64, as Go's encoding/json writes them.
 */
@JsonPropertyOrder({"created", "username", "hostname", "kdf", "N", "r", "p", "salt", "data"})
record KeyFile(
        @JsonProperty("created") OffsetDateTime created,
        @JsonProperty("username") String username,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("kdf") String kdf,
        @JsonProperty("N") int n,
        @JsonProperty("r") int r,
        @JsonProperty("p") int p,
        @JsonProperty("salt") byte[] salt,
        @JsonProperty("data") byte[] data) {

    static final String SCRYPT = "scrypt";

    ScryptParams params() {
        return new ScryptParams(n, r, p);
    }
}
