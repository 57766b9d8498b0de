package org.loyalty.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.persistence.DatabaseCoordinates;
import org.loyalty.infra.persistence.DatabaseProperties;
import org.loyalty.infra.support.AnotherNode;
import org.loyalty.infra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second node configured with fewer {@code member-accounts} threads than the database has segments is refused at
 * start, before its processors run: the check is wired, not only written ({@link TrackingSegmentCoverageTest}).
 */
@IntegrationTest
class TrackingSegmentCoverageIT {

    @Autowired
    TokenStore tokenStore;
    @Autowired
    DatabaseCoordinates database;
    @Autowired
    DatabaseProperties databaseProperties;

    @Test
    void aNodeWithFewerThreadsThanTheStoredSegmentsRefusesToStartAndNamesTheSetting() {
        await().atMost(Duration.ofSeconds(20)).until(() -> tokenStore.fetchSegments("member-accounts").length == 2);

        assertThatThrownBy(() -> startNode("--axon.eventhandling.processors.member-accounts.thread-count=1"))
                .hasStackTraceContaining("member-accounts has 2 segments in tokenentry but 1 threads")
                .hasStackTraceContaining("axon.eventhandling.processors.member-accounts.thread-count=2");
        assertThat(tokenStore.fetchSegments("member-accounts")).containsExactly(0, 1);
    }

    private void startNode(String setting) {
        // Should the check not run, the node starts; it is closed again so that it takes no segment from the others.
        ConfigurableApplicationContext node = AnotherNode.start(database, databaseProperties, setting);
        node.close();
    }
}
