package org.loyalty.infra.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that wraps the members' data keys at rest: 32 bytes, from {@code loyalty.privacy.master-key}
 * (base64), or else from a key file that the first start generates (owner-only permissions). Its id
 * (a digest prefix, not secret) is stored with every wrapped key, so a start with the wrong master key
 * says so instead of failing on garbage.
 */
record MasterKey(SecretKey key, String id) {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    static MasterKey of(byte[] bytes) {
        if (bytes.length != 32) {
            throw new IllegalStateException("loyalty.privacy.master-key must be 32 bytes (AES-256), base64-encoded; got " + bytes.length);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new MasterKey(new SecretKeySpec(bytes, "AES"), HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static MasterKey fromBase64(String base64) {
        try {
            return of(Base64.getDecoder().decode(base64.strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("loyalty.privacy.master-key is not valid base64", e);
        }
    }

    /** The key in {@code file}; a new random one written there first when the file does not exist yet. */
    static MasterKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                String generated = Base64.getEncoder().encodeToString(FieldCipher.newKey().getEncoded()) + "\n";
                try {
                    Files.writeString(file, generated, StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    restrict(file);
                    log.warn("Generated a new privacy master key in {}: keep it (and back it up apart from the database); without it no"
                            + " member's personal data can be read", file.toAbsolutePath());
                } catch (FileAlreadyExistsException raced) {
                    // Another start wrote it first: use theirs.
                }
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the privacy master key file " + file.toAbsolutePath(), e);
        }
    }

    private static void restrict(Path file) {
        try {
            Files.setPosixFilePermissions(file, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        } catch (UnsupportedOperationException | IOException e) {
            log.warn("cannot restrict the permissions of {} to its owner: {}", file.toAbsolutePath(), e.toString());
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
