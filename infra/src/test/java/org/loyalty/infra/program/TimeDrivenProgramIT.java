package org.loyalty.infra.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.loyalty.infra.support.LoyaltyApi.object;
import static org.loyalty.infra.support.LoyaltyApi.objects;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.loyalty.infra.support.MutableClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Expiry, tier anniversaries and birthdays, by moving the application's clock months ahead. Runs in
 * an application (and database) of its own, so the jumps in time do not reach the other tests.
 */
@IntegrationTest
@TestPropertySource(properties = "loyalty.test.application=time-travel")
class TimeDrivenProgramIT {

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    LoyaltyApi api;

    @BeforeEach
    void connect() {
        api = new LoyaltyApi(port);
    }

    @Test
    void greenPointsExpireAfterSixMonthsWithoutAPurchaseAndOnlyOnce() {
        String memberId = enroll("Evan Expiry", null);
        Instant boughtAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        buy(memberId, "10.00", boughtAt).expectStatus().isCreated();
        Instant expiresAt = boughtAt.atZone(ZoneOffset.UTC).plusMonths(6).toInstant();

        await().untilAsserted(() -> assertThat(api.balanceView(memberId))
                .containsEntry("available", 10)
                .containsEntry("pointsExpireAt", expiresAt.toString()));
        assertThat(jdbc.queryForObject("SELECT due_at FROM account_due_work WHERE member_id = ?", java.sql.Timestamp.class, memberId)
                .toInstant()).as("the persistent schedule holds the expiry").isEqualTo(expiresAt);

        clock.advanceTo(expiresAt.minus(Duration.ofDays(10)));
        assertThat(api.balanceView(memberId).get("expiringSoon"))
                .isEqualTo(List.of(Map.of("expiresAt", expiresAt.toString(), "points", 10)));

        clock.advanceTo(expiresAt.plusSeconds(1));
        await().untilAsserted(() -> assertThat(api.balance(memberId)).isZero());
        clock.advance(Duration.ofDays(40));
        await().pollDelay(Duration.ofMillis(600)).untilAsserted(() -> assertThat(ledgerTypes(memberId)).containsExactly("EXPIRED", "EARNED"));
    }

    @Test
    void goldIsReachedAt500PointsAndLostAtTheAnniversaryWithoutRequalifying() {
        String memberId = api.enroll("Gail Gold");
        buy(memberId, "300.00", clock.instant().minusSeconds(60)).expectStatus().isCreated();
        buy(memberId, "200.00", clock.instant().minusSeconds(30)).expectStatus().isCreated()
                .expectBody().jsonPath("$.balance").isEqualTo(500);
        Instant upgradedAt = clock.instant();

        await().untilAsserted(() -> {
            Map<String, Object> tier = object(api.balanceView(memberId).get("tier"));
            assertThat(tier).containsEntry("current", "GOLD").containsEntry("nextTier", "RESERVE")
                    .containsEntry("qualifyingPoints", 500).containsEntry("pointsToNextTier", 2000);
            Instant requalification = Instant.parse((String) tier.get("requalificationDate"));
            assertThat(requalification).isBetween(plusMonths(upgradedAt, 12).minusSeconds(60), plusMonths(upgradedAt, 12).plusSeconds(60));
        });
        assertThat(api.balanceView(memberId)).containsEntry("pointsExpireAt", null);

        // Gold earns 1.2 points per unit.
        buy(memberId, "10.00", clock.instant().minusSeconds(1)).expectBody().jsonPath("$.pointsEarned").isEqualTo(12);

        clock.advance(Duration.ofDays(366));
        await().untilAsserted(() -> assertThat(object(api.balanceView(memberId).get("tier")))
                .containsEntry("current", "GREEN").containsEntry("requalificationDate", null));
        assertThat(api.balanceView(memberId)).as("no points lost by the downgrade itself").containsEntry("balance", 512);
        assertThat(api.balanceView(memberId).get("pointsExpireAt")).as("Green points now expire after 6 months of inactivity").isNotNull();
    }

    @Test
    void goldIsRenewedAtTheAnniversaryWhenTheThresholdIsMetAgain() {
        String memberId = api.enroll("Reggie Renew");
        buy(memberId, "500.00", clock.instant().minusSeconds(60)).expectStatus().isCreated();
        await().untilAsserted(() -> assertThat(object(api.balanceView(memberId).get("tier"))).containsEntry("current", "GOLD"));
        String firstDate = (String) (object(api.balanceView(memberId).get("tier"))).get("requalificationDate");

        clock.advance(Duration.ofDays(200));
        buy(memberId, "420.00", clock.instant().minusSeconds(60)).expectStatus().isCreated(); // 504 points at 1.2
        clock.advanceTo(Instant.parse(firstDate).plusSeconds(1));

        await().untilAsserted(() -> {
            Map<String, Object> tier = object(api.balanceView(memberId).get("tier"));
            assertThat(tier).containsEntry("current", "GOLD");
            assertThat(Instant.parse((String) tier.get("requalificationDate"))).isAfter(Instant.parse(firstDate).plus(Duration.ofDays(360)));
        });
    }

    @Test
    void theBirthdayRewardIsIssuedWhenTheWindowOpensOncePerYear() {
        LocalDate inTwoDays = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
        LocalDate birthday = inTwoDays.withYear(1990);
        String memberId = enroll("Bea Birthday", birthday);
        assertThat((List<?>) api.get("/api/v1/members/" + memberId + "/rewards").get("issued")).isEmpty();

        Instant opens = MonthDay.from(birthday).atYear(inTwoDays.getYear()).atStartOfDay(ZoneOffset.UTC).toInstant();
        clock.advanceTo(opens.plusSeconds(5));
        await().untilAsserted(() -> assertThat((List<?>) api.get("/api/v1/members/" + memberId + "/rewards").get("issued"))
                .singleElement()
                .satisfies(r -> assertThat(object(r))
                        .containsEntry("reason", "BIRTHDAY")
                        .containsEntry("rewardId", "BIRTHDAY-TREAT")
                        .containsEntry("validFrom", opens.toString())
                        .containsEntry("validUntil", opens.plus(1, ChronoUnit.DAYS).toString())));

        clock.advance(Duration.ofHours(12));
        await().pollDelay(Duration.ofMillis(600))
                .untilAsserted(() -> assertThat((List<?>) api.get("/api/v1/members/" + memberId + "/rewards").get("issued")).hasSize(1));
    }

    private String enroll(String name, LocalDate birthday) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name, "email", "t." + UUID.randomUUID() + "@example.com"));
        if (birthday != null) {
            body.put("birthday", birthday.toString());
        }
        Map<?, ?> created = api.post("/api/v1/members", body).expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        String memberId = (String) created.get("memberId");
        await().until(() -> api.balance(memberId) != null);
        return memberId;
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec buy(String memberId, String amount, Instant at) {
        return api.post("/api/v1/pos/purchases", Map.of("transactionId", "TX-" + UUID.randomUUID(), "memberId", memberId,
                "storeId", "STORE-1", "occurredAt", at.toString(), "currency", "USD", "paymentMethod", "CARD",
                "items", List.of(Map.of("sku", "BEANS", "category", "coffee", "quantity", 1, "unitPrice", new java.math.BigDecimal(amount)))));
    }

    private List<String> ledgerTypes(String memberId) {
        return jdbc.queryForList("SELECT entry_type FROM points_ledger WHERE member_id = ? ORDER BY sequence DESC", String.class, memberId);
    }

    private static Instant plusMonths(Instant instant, int months) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant();
    }
}
