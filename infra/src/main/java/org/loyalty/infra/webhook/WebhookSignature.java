package org.loyalty.infra.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed, so that a subscriber can tell it came from us and was not altered or
 * replayed later: {@code X-Loyalty-Signature: sha256=<hex>}, the HMAC-SHA256 of
 * {@code <X-Loyalty-Timestamp> + "." + <body>} keyed with the subscription's secret (the UTF-8 bytes of
 * the secret string exactly as it was handed out). The timestamp is the attempt's, in Unix seconds;
 * subscribers should refuse one that is more than a few minutes off their own clock.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Loyalty-Signature";
    public static final String TIMESTAMP_HEADER = "X-Loyalty-Timestamp";
    public static final String DELIVERY_HEADER = "X-Loyalty-Delivery";
    public static final String EVENT_HEADER = "X-Loyalty-Event";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** The {@code X-Loyalty-Signature} value for this timestamp and body. */
    public static String sign(String secret, String timestamp, String body) {
        return "sha256=" + hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of HMAC-SHA256(key, message). */
    static String hmacSha256Hex(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    /** A new secret: 32 random bytes from a cryptographically strong generator, as 64 hex digits. */
    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }
}
