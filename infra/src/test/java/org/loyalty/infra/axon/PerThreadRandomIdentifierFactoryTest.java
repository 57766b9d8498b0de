package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.common.IdentifierFactory;
import org.junit.jupiter.api.Test;

class PerThreadRandomIdentifierFactoryTest {

    @Test
    void axonUsesItForEveryMessageIdentifier() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(PerThreadRandomIdentifierFactory.class);
    }

    @Test
    void identifiersAreDistinctVersion4Uuids() throws InterruptedException {
        PerThreadRandomIdentifierFactory factory = new PerThreadRandomIdentifierFactory();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Runnable draw = () -> {
            for (int i = 0; i < 50_000; i++) {
                String id = factory.generateIdentifier();
                UUID uuid = UUID.fromString(id);
                assertThat(uuid.version()).isEqualTo(4);
                assertThat(uuid.variant()).isEqualTo(2);
                assertThat(seen.add(id)).as("unique: %s", id).isTrue();
            }
        };
        Thread other = new Thread(draw);
        other.start();
        draw.run();
        other.join();
        assertThat(seen).hasSize(100_000);
    }
}
