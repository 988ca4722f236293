package io.cairn.repository.key;

import io.cairn.repository.CorruptDataException;
import io.cairn.repository.Id;
import io.cairn.repository.Json;
import io.cairn.repository.NotFoundException;
import io.cairn.repository.RepositoryException;
import io.cairn.repository.UnsupportedFormatException;
import io.cairn.repository.WrongPasswordException;
import io.cairn.repository.backend.Backend;
import io.cairn.repository.backend.FileInfo;
import io.cairn.repository.backend.FileType;
import io.cairn.repository.backend.Handle;
import io.cairn.repository.crypto.CryptoKey;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.NoSuchFileException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The key files of one repository, opened with one password. Every key file seals the same master key under a
 * key derived from its own password (scrypt), so any of them opens the repository. Key file names are the
 * SHA-256 of the file's bytes. Passwords never appear in messages or logs; copies made here are wiped.
 * Immutable and thread-safe.
 */
public final class KeyRing {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Backend backend;
    private final MasterKey master;
    private final Id currentKeyId;

    private KeyRing(Backend backend, MasterKey master, Id currentKeyId) {
        this.backend = backend;
        this.master = master;
        this.currentKeyId = currentKeyId;
    }

    /**
     * Tries every key file, as restic does, and returns the ring opened by the first one the password unlocks.
     *
     * @throws WrongPasswordException when no key file opens with the password (or there are none)
     * @throws CorruptDataException when a key file the password unlocks holds a damaged master key
     */
    public static KeyRing open(Backend backend, char[] password) throws IOException {
        List<FileInfo> files = backend.list(FileType.KEY);
        int tried = 0;
        List<String> unreadable = new ArrayList<>();
        for (FileInfo file : files) {
            Id id;
            try {
                id = Id.parse(file.name());
            } catch (IllegalArgumentException e) {
                continue; // restic ignores key files whose name is not an ID
            }
            tried++;
            MasterKey master;
            try {
                master = tryOpen(load(backend, id), password, id);
            } catch (CorruptDataException | NotFoundException | UnsupportedFormatException e) {
                unreadable.add(id.shortString()); // one bad key file must not lock out the others
                continue;
            }
            if (master != null) {
                return new KeyRing(backend, master, id);
            }
        }
        if (tried == 0) {
            throw new WrongPasswordException("no key files found in " + backend.location());
        }
        String detail = unreadable.isEmpty() ? "" : " (" + unreadable.size() + " unreadable: " + String.join(", ", unreadable) + ")";
        throw new WrongPasswordException("wrong password: none of the " + tried + " key files in " + backend.location()
                + " opens with it" + detail);
    }

    /** Writes the first key file of a new repository, sealing a fresh random master key. */
    public static KeyRing create(Backend backend, char[] password, String username, String hostname, ScryptParams params)
            throws IOException {
        MasterKey master = MasterKey.random();
        Id id = write(backend, master, password, username, hostname, params);
        return new KeyRing(backend, master, id);
    }

    /** The repository's master key, which encrypts everything but the key files. */
    public CryptoKey masterKey() {
        return master.cryptoKey();
    }

    /** The key file this ring was opened (or created) with. */
    public Id currentKeyId() {
        return currentKeyId;
    }

    /** Adds a key file for another password with {@link ScryptParams#DEFAULT}; returns its ID. */
    public Id add(char[] password, String username, String hostname) throws IOException {
        return add(password, username, hostname, ScryptParams.DEFAULT);
    }

    /** Adds a key file for another password with the given scrypt cost; returns its ID. */
    public Id add(char[] password, String username, String hostname, ScryptParams params) throws IOException {
        return write(backend, master, password, username, hostname, params);
    }

    /** Every key file, oldest first; unreadable ones are listed with empty user and host and no time. */
    public List<KeyInfo> list() throws IOException {
        List<KeyInfo> out = new ArrayList<>();
        for (FileInfo file : backend.list(FileType.KEY)) {
            Id id;
            try {
                id = Id.parse(file.name());
            } catch (IllegalArgumentException e) {
                continue;
            }
            boolean current = id.equals(currentKeyId);
            try {
                KeyFile k = load(backend, id);
                out.add(new KeyInfo(id, k.username(), k.hostname(), k.created(), current));
            } catch (CorruptDataException | NotFoundException e) {
                out.add(new KeyInfo(id, "", "", null, current));
            }
        }
        out.sort(Comparator.comparing(KeyInfo::created, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(KeyInfo::id));
        return out;
    }

    /**
     * Deletes a key file. Refuses the key in use, so a session never locks itself out.
     *
     * @throws NotFoundException when no such key file exists
     */
    public void remove(Id id) throws IOException {
        if (id.equals(currentKeyId)) {
            throw new RepositoryException("refusing to remove key " + id.shortString()
                    + ": it is the key currently in use; open the repository with another password to remove it");
        }
        Handle handle = Handle.of(FileType.KEY, id);
        if (!backend.exists(handle)) {
            throw new NotFoundException("key " + id.shortString() + " does not exist in " + backend.location());
        }
        backend.remove(handle);
    }

    /** The current user name, as restic records it in new keys. */
    public static String defaultUsername() {
        String user = System.getProperty("user.name");
        return user == null ? "" : user;
    }

    /** This machine's host name, as restic records it in new keys. */
    public static String defaultHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "";
        }
    }

    private static KeyFile load(Backend backend, Id id) throws IOException {
        byte[] bytes;
        try {
            bytes = backend.load(Handle.of(FileType.KEY, id));
        } catch (NoSuchFileException e) {
            throw new NotFoundException("key " + id.shortString() + " does not exist");
        }
        try {
            KeyFile k = Json.MAPPER.readValue(bytes, KeyFile.class);
            if (k.salt() == null || k.data() == null) {
                throw new CorruptDataException("key " + id.shortString() + ": salt or data missing");
            }
            return k;
        } catch (CorruptDataException e) {
            throw e;
        } catch (IOException e) {
            throw new CorruptDataException("key " + id.shortString() + ": not a valid key file: " + e.getMessage(), e);
        }
    }

    /** The master key when the password unlocks this key file, null when it does not. */
    private static MasterKey tryOpen(KeyFile keyFile, char[] password, Id id) throws IOException {
        if (!KeyFile.SCRYPT.equals(keyFile.kdf())) {
            throw new UnsupportedFormatException("key " + id.shortString() + ": unsupported KDF '"
                    + keyFile.kdf() + "' (only scrypt is supported)");
        }
        CryptoKey userKey;
        try {
            userKey = keyFile.params().derive(password, keyFile.salt());
        } catch (IllegalArgumentException e) {
            throw new CorruptDataException("key " + id.shortString() + ": invalid scrypt parameters: " + e.getMessage());
        }
        byte[] plain;
        try {
            plain = userKey.open(keyFile.data());
        } catch (CorruptDataException e) {
            return null; // MAC mismatch: this key file belongs to another password
        }
        try {
            return MasterKey.fromJson(plain, id.shortString());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static Id write(Backend backend, MasterKey master, char[] password, String username, String hostname,
            ScryptParams params) throws IOException {
        byte[] salt = new byte[ScryptParams.SALT_LENGTH];
        RANDOM.nextBytes(salt);
        CryptoKey userKey = params.derive(password, salt);
        byte[] plain = master.toJson();
        byte[] sealed;
        try {
            sealed = userKey.seal(plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        KeyFile keyFile = new KeyFile(OffsetDateTime.now(), nullToEmpty(username), nullToEmpty(hostname),
                KeyFile.SCRYPT, params.n(), params.r(), params.p(), salt, sealed);
        byte[] bytes = Json.MAPPER.writeValueAsBytes(keyFile);
        Id id = Id.hash(bytes);
        backend.save(Handle.of(FileType.KEY, id), bytes);
        return id;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
