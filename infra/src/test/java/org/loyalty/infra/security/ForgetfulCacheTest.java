package org.loyalty.infra.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ForgetfulCacheTest {

    @Test
    void computesAValueOnceAndThenAnswersFromMemory() {
        ForgetfulCache<String, Integer> cache = new ForgetfulCache<>(10);
        AtomicInteger computed = new AtomicInteger();

        assertThat(cache.computeIfAbsent("a", k -> computed.incrementAndGet())).isEqualTo(1);
        assertThat(cache.computeIfAbsent("a", k -> computed.incrementAndGet())).isEqualTo(1);

        assertThat(computed).hasValue(1);
    }

    @Test
    void forgetsEverythingWhenANewKeyWouldExceedTheCapacity() {
        ForgetfulCache<String, Integer> cache = new ForgetfulCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("b", 3);   // a known key never clears
        assertThat(cache.size()).isEqualTo(2);

        cache.put("c", 4);

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("c")).isEqualTo(4);
    }

    @Test
    void removesSingleKeysAndKeysThatMatch() {
        ForgetfulCache<String, Integer> cache = new ForgetfulCache<>(10);
        cache.put("key1:x", 1);
        cache.put("key1:y", 2);
        cache.put("key2:x", 3);

        cache.removeIf(k -> k.startsWith("key1:"));
        cache.remove("nothing");

        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("key2:x")).isEqualTo(3);
    }

    @Test
    void refusesAZeroCapacity() {
        assertThatThrownBy(() -> new ForgetfulCache<>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
