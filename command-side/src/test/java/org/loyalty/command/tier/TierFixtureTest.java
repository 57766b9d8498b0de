package org.loyalty.command.tier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.loyalty.api.purchase.PaymentMethod;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;
import org.loyalty.command.AccountFixtureTestBase;
import org.loyalty.command.TestProgram;

/**
 * Tiers: an upgrade the moment the rolling 12 months reach a threshold (straight to the highest one
 * reached), a status of 12 months checked at its anniversary (after the grace), renewed when the
 * threshold is met again, otherwise one tier down.
 */
class TierFixtureTest extends AccountFixtureTestBase {

    private static final String ENROLLED = "2025-01-10T10:00:00Z";
    private static final String UPGRADED = "2025-03-01T10:00:00Z";
    private static final Instant ANNIVERSARY = Instant.parse("2026-03-01T10:00:00Z");
    private static final String MID_YEAR = "2025-09-01T10:00:00Z";

    private Story goldSince1March2025() {
        return given().at(ENROLLED).commands(enrollment()).at(UPGRADED).commands(spend("t-1", "500.00"));
    }

    private Story reserveSince1March2025() {
        return given().at(ENROLLED).commands(enrollment()).at(UPGRADED).commands(spend("t-1", "2500.00"));
    }

    private boolean anyTierChangeIn(List<Object> events) {
        return events.stream().anyMatch(TierChanged.class::isInstance);
    }

    // ---- upgrades ----

    @Test
    void reaching500QualifyingPointsUpgradesToGoldForTwelveMonthsAndStopsInactivityExpiry() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at("2025-02-01T10:00:00Z").commands(spend("t-1", "450.00"))
                .at(UPGRADED);
        RecordPurchase crossing = spend("t-2", "50.00");

        story.when(crossing)
                .expectEvents(
                        recorded(crossing),
                        new PointsEarned(MEMBER, "t-2", 50, 500, List.of(tierRate("GREEN", "1", 50, "50.00")), now(), "GREEN",
                                List.of(50L), "t-2", now(), null, 0),
                        expiryDateChanged(Instant.parse("2025-09-01T10:00:00Z"), "PURCHASE"),
                        new TierChanged(MEMBER, "GREEN", "GOLD", "QUALIFIED", 500, ANNIVERSARY, now()),
                        expiryDateChanged(null, "TIER_CHANGED"))
                .expectState(account -> {
                    assertThat(account.tier()).isEqualTo("GOLD");
                    assertThat(account.tierValidUntil()).isEqualTo(ANNIVERSARY);
                    assertThat(account.pointsExpireAt()).isNull();
                });
        assertThat(schedule.dueAt(MEMBER)).contains(ANNIVERSARY);
    }

    @Test
    void oneQualifyingPointShortOfTheThresholdStaysGreen() {
        var story = given().at(ENROLLED).commands(enrollment()).at(UPGRADED);

        story.when(spend("t-1", "499.99"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GREEN"));
        assertThat(anyTierChangeIn(history())).isFalse();
    }

    @Test
    void reaching2500AtOnceGoesStraightFromGreenToReserve() {
        var story = given().at(ENROLLED).commands(enrollment()).at(UPGRADED);
        RecordPurchase big = spend("t-1", "2500.00");

        story.when(big)
                .expectEvents(
                        recorded(big),
                        new PointsEarned(MEMBER, "t-1", 2500, 2500, List.of(tierRate("GREEN", "1", 2500, "2500.00")), now(), "GREEN",
                                List.of(2500L), "t-1", now(), null, 0),
                        expiryDateChanged(Instant.parse("2025-09-01T10:00:00Z"), "PURCHASE"),
                        new TierChanged(MEMBER, "GREEN", "RESERVE", "QUALIFIED", 2500, ANNIVERSARY, now()),
                        expiryDateChanged(null, "TIER_CHANGED"));
    }

    @Test
    void aGoldMemberReaching2500MovesUpToReserveWithANewTwelveMonthStatus() {
        var story = goldSince1March2025().at(MID_YEAR);
        RecordPurchase big = spend("t-2", "2000.00");

        // 500 + 2000 x 1.2 = 2900 qualifying points.
        story.when(big)
                .expectEvents(
                        recorded(big),
                        new PointsEarned(MEMBER, "t-2", 2400, 2900, List.of(tierRate("GOLD", "1.2", 2400, "2000.00")), now(), "GOLD",
                                List.of(2400L), "t-2", now(), null, 0),
                        new TierChanged(MEMBER, "GOLD", "RESERVE", "QUALIFIED", 2900, Instant.parse("2026-09-01T10:00:00Z"), now()));
    }

    @Test
    void pointsEarnedInTheLastTwelveMonthsQualify() {
        var story = given().at("2024-02-01T10:00:00Z").commands(enrollment())
                .at("2024-03-01T10:00:00Z").commands(spend("t-1", "400.00"))
                .at("2024-09-01T10:00:00Z").commands(dueWork())
                .at("2025-02-28T10:00:00Z");

        story.when(spend("t-2", "100.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GOLD"));
        assertThat(last(TierChanged.class).qualifyingPoints()).isEqualTo(500);
    }

    @Test
    void pointsEarnedMoreThanTwelveMonthsAgoNoLongerQualify() {
        var story = given().at("2024-02-01T10:00:00Z").commands(enrollment())
                .at("2024-03-01T10:00:00Z").commands(spend("t-1", "400.00"))
                .at("2024-09-01T10:00:00Z").commands(dueWork())
                .at("2025-03-02T10:00:00Z");

        story.when(spend("t-2", "100.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GREEN"));
        assertThat(anyTierChangeIn(history())).isFalse();
    }

    @Test
    void returnedItemsStopCountingTowardTheTier() {
        var story = given().at(ENROLLED).commands(enrollment())
                .at("2025-02-01T10:00:00Z").commands(purchase("t-1", item("grinder", 1, "400.00"), item("mug", 1, "50.00")),
                        returning("r-1", "t-1", unit("mug", 1)))
                .at(UPGRADED);

        // 450 earned, 50 returned: 400 + 60 = 460 qualifying points.
        story.when(spend("t-2", "60.00"))
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GREEN"));
        assertThat(anyTierChangeIn(history())).isFalse();
    }

    @Test
    void aPurchaseStampedAFewMinutesAheadOfTheServerClockStillCountsTowardTheUpgrade() {
        var story = given().at(ENROLLED).commands(enrollment()).at(UPGRADED);
        // The POS clock runs 2 minutes ahead: within the accepted skew of 5 minutes.
        RecordPurchase ahead = new RecordPurchase(MEMBER, "t-1", "store-7", now().plus(Duration.ofMinutes(2)), "USD",
                PaymentMethod.CARD, List.of(item("latte", 1, "500.00")));

        story.when(ahead)
                .expectSuccessfulHandlerExecution()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GOLD"));
    }

    // ---- anniversaries ----

    @Test
    void beforeTheAnniversaryNothingIsDue() {
        var story = goldSince1March2025().at(ANNIVERSARY.minusSeconds(1));

        story.when(dueWork()).expectNoEvents();
    }

    @Test
    void atTheAnniversaryAMemberWhoEarnedTheThresholdAgainIsRenewedForAnotherTwelveMonths() {
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "420.00")).at(ANNIVERSARY);

        // 420 x 1.2 = 504 earned in the 12 months up to the anniversary (the upgrading purchase fell out of them).
        story.when(dueWork())
                .expectEvents(new TierRenewed(MEMBER, "GOLD", 504, Instant.parse("2027-03-01T10:00:00Z"), now()))
                .expectState(account -> assertThat(account.tier()).isEqualTo("GOLD"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2027-03-01T10:00:00Z"));
    }

    @Test
    void atTheAnniversaryAMemberShortOfTheThresholdGoesDownOneTierAndGreenInactivityStartsNow() {
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "250.00")).at(ANNIVERSARY);

        story.when(dueWork())
                .expectEvents(
                        new TierChanged(MEMBER, "GOLD", "GREEN", "NOT_REQUALIFIED", 300, null, now()),
                        expiryDateChanged(Instant.parse("2026-09-01T10:00:00Z"), "TIER_CHANGED"))
                .expectState(account -> {
                    assertThat(account.tier()).isEqualTo("GREEN");
                    assertThat(account.tierValidUntil()).isNull();
                });
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-09-01T10:00:00Z"));
    }

    @Test
    void aReserveMemberShortOfEveryThresholdGoesDownOnlyOneTierToGold() {
        var story = reserveSince1March2025().at(ANNIVERSARY);

        story.when(dueWork())
                .expectEvents(new TierChanged(MEMBER, "RESERVE", "GOLD", "NOT_REQUALIFIED", 0, Instant.parse("2027-03-01T10:00:00Z"), now()));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2027-03-01T10:00:00Z"));
    }

    @Test
    void anAccountThatSleptThroughTwoAnniversariesCatchesUpOneTierAtATime() {
        var story = reserveSince1March2025().at("2027-03-05T10:00:00Z");

        story.when(dueWork())
                .expectEvents(
                        new TierChanged(MEMBER, "RESERVE", "GOLD", "NOT_REQUALIFIED", 0, Instant.parse("2027-03-01T10:00:00Z"), now()),
                        new TierChanged(MEMBER, "GOLD", "GREEN", "NOT_REQUALIFIED", 0, null, now()),
                        expiryDateChanged(Instant.parse("2027-09-05T10:00:00Z"), "TIER_CHANGED"));
    }

    @Test
    void theAnniversaryCheckIsNotRepeated() {
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "420.00")).at(ANNIVERSARY).commands(dueWork());

        story.when(dueWork()).expectNoEvents();
    }

    // ---- grace ----

    @Test
    void theGracePeriodDelaysTheDowngrade() {
        useProgram(TestProgram.builder().downgradeGrace(Duration.ofDays(30)).build());
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "250.00")).at(ANNIVERSARY);

        story.when(dueWork())
                .expectNoEvents()
                .expectState(account -> assertThat(account.tier()).isEqualTo("GOLD"));
        assertThat(schedule.dueAt(MEMBER)).contains(Instant.parse("2026-03-31T10:00:00Z"));
    }

    @Test
    void whenTheGraceEndsWithoutTheThresholdTheMemberGoesDownOneTier() {
        useProgram(TestProgram.builder().downgradeGrace(Duration.ofDays(30)).build());
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "250.00"))
                .at(ANNIVERSARY).commands(dueWork())
                .at("2026-03-31T10:00:00Z");

        // Six calendar months from 31 March end on 30 September.
        story.when(dueWork())
                .expectEvents(
                        new TierChanged(MEMBER, "GOLD", "GREEN", "NOT_REQUALIFIED", 300, null, now()),
                        expiryDateChanged(Instant.parse("2026-09-30T10:00:00Z"), "TIER_CHANGED"));
    }

    @Test
    void pointsEarnedDuringTheGraceAtTheGoldRateCountAndRenewTheStatusFromTheAnniversary() {
        useProgram(TestProgram.builder().downgradeGrace(Duration.ofDays(30)).build());
        var story = goldSince1March2025().at(MID_YEAR).commands(spend("t-2", "250.00"))
                .at(ANNIVERSARY).commands(dueWork())
                .at("2026-03-15T10:00:00Z").commands(spend("t-3", "200.00"))
                .at("2026-03-31T10:00:00Z");
        assertThat(last(PointsEarned.class).tier()).isEqualTo("GOLD");

        // 300 + 200 x 1.2 = 540.
        story.when(dueWork())
                .expectEvents(new TierRenewed(MEMBER, "GOLD", 540, Instant.parse("2027-03-01T10:00:00Z"), now()));
    }
}
