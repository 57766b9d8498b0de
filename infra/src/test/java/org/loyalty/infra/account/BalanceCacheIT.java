package org.loyalty.infra.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.purchase;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.query.account.BalanceCache;
import org.loyalty.query.account.BalanceChangeListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /balance answers from the node's memory until the database says the member's rows changed: whoever changes
 * them (the projection, another node, a tool), and across a lost notification connection.
 */
@IntegrationTest
class BalanceCacheIT {

    @LocalServerPort
    int port;
    @Autowired
    BalanceCache cache;
    @Autowired
    JdbcTemplate jdbc;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
        await().atMost(Duration.ofSeconds(30)).until(cache::isListening);
    }

    private String memberWithPoints(String name, String price, long points) {
        String memberId = api.enroll(name);
        api.postPurchase(purchase(LoyaltyApi.newTransactionId(), memberId, price)).expectStatus().isCreated();
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(points));
        return memberId;
    }

    @Test
    void aRepeatedReadIsAnsweredFromMemoryAndAPurchaseIsSeenAtOnceAfterItsProjection() {
        String memberId = memberWithPoints("Cara Cache", "12.00", 12);
        long hits = cache.hits();
        assertThat(api.balance(memberId)).isEqualTo(12);
        assertThat(api.balance(memberId)).isEqualTo(12);
        assertThat(cache.hits()).as("answered from memory").isGreaterThanOrEqualTo(hits + 2);

        api.postPurchase(purchase(LoyaltyApi.newTransactionId(), memberId, "5.00")).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(17));
    }

    @Test
    void aChangeMadeOutsideTheApplicationIsSeenToo() {
        String memberId = memberWithPoints("Otto Outside", "7.00", 7);
        assertThat(api.balance(memberId)).isEqualTo(7);
        try {
            // A tool (or another node) writes the read model directly; the trigger's notification reaches this node.
            jdbc.update("UPDATE member_account SET balance = balance + 1000 WHERE member_id = ?", memberId);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(1007));
        } finally {
            jdbc.update("UPDATE member_account SET balance = balance - 1000 WHERE member_id = ?", memberId);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.balance(memberId)).isEqualTo(7));
    }

    @Test
    void aNotificationForEveryMemberForgetsEverything() {
        String memberId = memberWithPoints("Eve Everyone", "3.00", 3);
        api.balance(memberId);
        assertThat(cache.size()).isPositive();
        jdbc.queryForList("SELECT pg_notify(?, ?)", BalanceChangeListener.CHANNEL, "*");
        await().atMost(Duration.ofSeconds(5)).until(() -> cache.size() == 0);
    }

    @Test
    void aKilledNotificationConnectionIsReplacedAndNothingKeptFromBeforeIsServedAfterIt() {
        String memberId = memberWithPoints("Kai Killed", "9.00", 9);
        api.balance(memberId);
        List<Integer> before = listenerBackends();
        assertThat(before).as("a listening connection per node").isNotEmpty();

        before.forEach(pid -> jdbc.queryForList("SELECT pg_terminate_backend(?)", pid));
        try {
            // Changed while the node may not be listening: never served stale once the node listens again.
            jdbc.update("UPDATE member_account SET balance = balance + 500 WHERE member_id = ?", memberId);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                List<Integer> now = listenerBackends();
                assertThat(now).isNotEmpty().doesNotContainAnyElementsOf(before);
                assertThat(cache.isListening()).isTrue();
            });
            assertThat(api.balance(memberId)).isEqualTo(509);
            long hits = cache.hits();
            assertThat(api.balance(memberId)).isEqualTo(509);
            assertThat(cache.hits()).as("kept again once listening").isGreaterThan(hits);
        } finally {
            jdbc.update("UPDATE member_account SET balance = balance - 500 WHERE member_id = ?", memberId);
        }
    }

    private List<Integer> listenerBackends() {
        return jdbc.queryForList("SELECT pid FROM pg_stat_activity WHERE application_name = 'loyalty balance-change-listener'",
                Integer.class);
    }
}
