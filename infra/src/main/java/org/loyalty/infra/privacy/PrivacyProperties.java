package org.loyalty.infra.privacy;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Personal data protection ({@code loyalty.privacy}).
 *
 * @param masterKey     base64 of 32 random bytes that wrap the members' data keys; set it (from a secret store) in production
 * @param masterKeyFile where the key is kept when {@code masterKey} is empty; generated at the first start. Default:
 *                      {@code security/master.key} next to the embedded database's data directory
 * @param keyCacheTtl   how long a node remembers a data key it read: at most this long after an erasure another node
 *                      may still decrypt the member's fields (less: each node forgets as soon as it reads the erasure)
 * @param keyCacheSize  how many members' keys a node remembers (least recently used go first)
 */
@ConfigurationProperties("loyalty.privacy")
public record PrivacyProperties(
        String masterKey,
        Path masterKeyFile,
        @DefaultValue("PT30S") Duration keyCacheTtl,
        @DefaultValue("10000") int keyCacheSize) {
}
