package org.loyalty.infra.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void hmacSha256MatchesTheRfc4231TestVector() {
        // RFC 4231, test case 2.
        assertThat(WebhookSignature.hmacSha256Hex("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBodyKeyedWithTheSecretsUtf8Bytes() {
        // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'<secret>', b'1767225600.<body>', hashlib.sha256).hexdigest())"
        String secret = "3f9a0c1e5b7d2a4c6e8f0a1b3c5d7e9f1a2b3c4d5e6f708192a3b4c5d6e7f8091";
        assertThat(WebhookSignature.sign(secret, "1767225600", "{\"id\":\"e1\",\"type\":\"TIER_CHANGED\"}"))
                .isEqualTo("sha256=16cdac951ee12b7ed12ea7f3ef131223f21da75a48a9a01a6a9bc92afbe9a78c");
    }

    @Test
    void anotherTimestampOrABodyChangedByOneCharacterGivesAnotherSignature() {
        String signed = WebhookSignature.sign("secret", "1767225600", "{\"points\":10}");
        assertThat(WebhookSignature.sign("secret", "1767225601", "{\"points\":10}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("secret", "1767225600", "{\"points\":11}")).isNotEqualTo(signed);
        assertThat(WebhookSignature.sign("secreT", "1767225600", "{\"points\":10}")).isNotEqualTo(signed);
    }

    @Test
    void newSecretsAre32RandomBytesInHexAndNeverRepeat() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String secret = WebhookSignature.newSecret();
            assertThat(secret).hasSize(64).matches("[0-9a-f]{64}");
            secrets.add(secret);
        }
        assertThat(secrets).hasSize(1000);
    }
}
