package org.loyalty.infra.security.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The text of a POS API key, {@code lk_<16 hex key id>_<secret>}: the key id finds the row, the secret (256
 * random bits) is checked against its SHA-256. A plain hash is enough for a random secret of that length:
 * there is nothing to guess a dictionary for, and a slow hash would cost every request.
 */
record ApiKeySecret(String keyId, String secret) {

    private static final String PREFIX = "lk_";
    private static final int KEY_ID_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    static ApiKeySecret generate() {
        return new ApiKeySecret(HexFormat.of().formatHex(random(KEY_ID_LENGTH / 2)), newSecret().secret());
    }

    /** A fresh secret for an existing key id (a rotation). */
    ApiKeySecret rotated() {
        return new ApiKeySecret(keyId, newSecret().secret());
    }

    /** The key as presented in the header, or empty when it cannot be one of ours. */
    static Optional<ApiKeySecret> parse(String text) {
        if (text == null || !text.startsWith(PREFIX) || text.length() < PREFIX.length() + KEY_ID_LENGTH + 2 || text.length() > 200
                || text.charAt(PREFIX.length() + KEY_ID_LENGTH) != '_') {
            return Optional.empty();
        }
        String keyId = text.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH);
        if (!keyId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return Optional.empty();
        }
        return Optional.of(new ApiKeySecret(keyId, text.substring(PREFIX.length() + KEY_ID_LENGTH + 1)));
    }

    String text() {
        return PREFIX + keyId + "_" + secret;
    }

    String hash() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** Compares hashes in constant time, so the answer's timing tells nothing about how much matched. */
    boolean matches(String storedHash) {
        return storedHash != null && MessageDigest.isEqual(hash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static ApiKeySecret newSecret() {
        return new ApiKeySecret(null, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    @Override
    public String toString() {
        // Never log a secret.
        return "ApiKeySecret[" + keyId + "]";
    }
}
