package org.loyalty.infra.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM for one personal field: {@code pd:v1:} then base64 of a fresh 12-byte IV and the
 * ciphertext with its 16-byte tag. The associated data binds the value to its member and field, so a
 * value copied into another member's event, or into another field, fails to decrypt instead of
 * reading as someone else's data.
 */
final class FieldCipher {

    static final String PREFIX = "pd:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * One cipher object per thread, initialised afresh for every value: {@code Cipher.getInstance} looks the
     * algorithm up among the providers on each call, and that was 5% of a replay's processor threads, which decrypt
     * every enrolment's fields (bench/NOTES.md item 62). Every use starts with {@code init}, so nothing of one value's
     * key, IV or associated data reaches the next.
     */
    private static final ThreadLocal<Cipher> AES_GCM = ThreadLocal.withInitial(FieldCipher::newCipher);

    private FieldCipher() {
    }

    static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    static String encrypt(SecretKey key, String memberId, String field, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = seal(key, iv, aad(memberId, field), plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return PREFIX + Base64.getEncoder().encodeToString(out);
    }

    /** @throws PersonalDataIntegrityException when the value was altered, or belongs to another member or field */
    static String decrypt(SecretKey key, String memberId, String field, String value) {
        byte[] in;
        try {
            in = Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new PersonalDataIntegrityException(memberId, field, e);
        }
        if (in.length < IV_BYTES + TAG_BITS / 8) {
            throw new PersonalDataIntegrityException(memberId, field, null);
        }
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(aad(memberId, field));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new PersonalDataIntegrityException(memberId, field, e);
        }
    }

    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    /** Encrypts raw bytes (a data key under the master key); the result is IV followed by ciphertext and tag. */
    static byte[] wrap(SecretKey key, byte[] aad, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed = seal(key, iv, aad, plaintext);
        byte[] out = new byte[IV_BYTES + sealed.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return out;
    }

    static byte[] unwrap(SecretKey key, byte[] aad, byte[] wrapped) throws GeneralSecurityException {
        Cipher cipher = AES_GCM.get();
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, IV_BYTES));
        cipher.updateAAD(aad);
        return cipher.doFinal(wrapped, IV_BYTES, wrapped.length - IV_BYTES);
    }

    private static byte[] seal(SecretKey key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = AES_GCM.get();
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** Length-prefixed, so that ("ab", "c") and ("a", "bc") differ. */
    private static byte[] aad(String memberId, String field) {
        return (memberId.length() + ":" + memberId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }
}
