package org.loyalty.command.offer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyalty.api.offer.HoldoutAssigned;
import org.loyalty.api.offer.OfferActivated;
import org.loyalty.api.offer.OfferCommands.ActivateOffer;
import org.loyalty.api.offer.OfferCommands.IssueOffer;
import org.loyalty.api.offer.OfferCommands.IssueOutcome;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferRedeemed;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.purchase.AppliedRule;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.command.AccountFixtureTestBase;

/** Offers on the member's account: issued once per campaign period, held out, activated, paid at purchase, expired. */
class OfferFixtureTest extends AccountFixtureTestBase {

    static final String ENROLLED = "2025-03-01T10:00:00Z";
    static final String ISSUED = "2025-03-10T10:00:00Z";
    static final OfferTerms TRIPLE_FOR_14_DAYS = OfferTerms.multiplier(new BigDecimal("3"), 14);

    final java.util.Map<String, Long> budgetLeft = new java.util.HashMap<>();

    /** Budgets as the JDBC counter keeps them: what is left per rule or campaign id. */
    @Override
    protected org.loyalty.command.rule.RuleBudgets ruleBudgets() {
        return (id, points, budget) -> {
            long left = budgetLeft.getOrDefault(id, budget);
            long granted = Math.min(points, left);
            budgetLeft.put(id, left - granted);
            return granted;
        };
    }

    static IssueOffer offer(String offerId, OfferTerms terms, boolean holdout) {
        return new IssueOffer(MEMBER, offerId, "campaign-winback", "Win back", terms, Instant.parse("2025-03-31T10:00:00Z"), 30, holdout, null);
    }

    @Test
    void anOfferIsIssuedOncePerCampaignPeriod() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false))
                .when(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new IssueOutcome(MEMBER, "campaign-winback:0", "ALREADY_GIVEN"));
        assertThat(history()).filteredOn(OfferIssued.class::isInstance).hasSize(1);
    }

    @Test
    void anotherPeriodWithinTheFrequencyCapGetsNothing() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false))
                .at("2025-03-20T10:00:00Z")
                .when(offer("campaign-winback:1", TRIPLE_FOR_14_DAYS, false))
                .expectNoEvents()
                .expectResultMessagePayload(new IssueOutcome(MEMBER, "campaign-winback:1", "FREQUENCY_CAP"));
    }

    @Test
    void aHoldoutMemberIsRecordedAndGetsNoOffer() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED)
                .when(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, true))
                .expectEvents(new HoldoutAssigned(MEMBER, "campaign-winback:0", "campaign-winback", Instant.parse(ISSUED)))
                .expectResultMessagePayload(new IssueOutcome(MEMBER, "campaign-winback:0", "HOLDOUT"));
    }

    @Test
    void anActivatedMultiplierPaysOnEveryPurchaseOfItsWindowAndIsRecordedWithThePoints() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false),
                        new ActivateOffer(MEMBER, "campaign-winback:0"))
                .at("2025-03-12T10:00:00Z").commands(spend("t-1", "10.00"))
                .at("2025-03-20T10:00:00Z").when(spend("t-2", "5.00"))
                .expectSuccessfulHandlerExecution();

        assertThat(history()).filteredOn(PointsEarned.class::isInstance).extracting(e -> ((PointsEarned) e).points())
                .containsExactly(30L, 15L);
        assertThat(history()).filteredOn(OfferRedeemed.class::isInstance).extracting(e -> ((OfferRedeemed) e).points())
                .containsExactly(20L, 10L);
        assertThat(last(PointsEarned.class).applied()).extracting(AppliedRule::ruleId).contains("offer:campaign-winback:0");
    }

    @Test
    void anOfferThatWasNotActivatedPaysNothing() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false))
                .at("2025-03-12T10:00:00Z").when(spend("t-1", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(last(PointsEarned.class).points()).isEqualTo(10);
        assertThat(history()).noneMatch(OfferRedeemed.class::isInstance);
    }

    @Test
    void aBonusOnTheNextPurchasePaysOnceAndOnlyAboveTheMinimumSpend() {
        OfferTerms bonus = OfferTerms.bonusOnNextPurchase(100, new BigDecimal("8.00"));
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-nudge:0", bonus, false),
                        new ActivateOffer(MEMBER, "campaign-nudge:0"))
                .at("2025-03-11T10:00:00Z").commands(spend("t-small", "5.00"))
                .at("2025-03-12T10:00:00Z").commands(spend("t-big", "9.00"))
                .at("2025-03-13T10:00:00Z").when(spend("t-after", "9.00")).expectSuccessfulHandlerExecution();

        assertThat(history()).filteredOn(PointsEarned.class::isInstance).extracting(e -> ((PointsEarned) e).points())
                .containsExactly(5L, 109L, 9L);
    }

    @Test
    void aFreeRewardIsGivenOnActivation() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-vip:0", OfferTerms.freeReward("R200"), false))
                .when(new ActivateOffer(MEMBER, "campaign-vip:0"))
                .expectSuccessfulHandlerExecution();

        assertThat(history()).filteredOn(OfferActivated.class::isInstance).hasSize(1);
        assertThat(last(RewardIssued.class).rewardId()).isEqualTo("R200");
        assertThat(last(OfferRedeemed.class).transactionId()).isNull();
    }

    @Test
    void aCampaignsBudgetLimitsWhatItsOffersPayOut() {
        IssueOffer budgeted = new IssueOffer(MEMBER, "campaign-winback:0", "campaign-winback", "Win back", TRIPLE_FOR_14_DAYS,
                Instant.parse("2025-03-31T10:00:00Z"), 30, false, 25L);
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(budgeted, new ActivateOffer(MEMBER, "campaign-winback:0"))
                .at("2025-03-12T10:00:00Z").commands(spend("t-1", "10.00"))
                .at("2025-03-13T10:00:00Z").when(spend("t-2", "10.00")).expectSuccessfulHandlerExecution();

        assertThat(history()).filteredOn(OfferRedeemed.class::isInstance).extracting(e -> ((OfferRedeemed) e).points())
                .as("20 of the budget of 25, then the 5 left").containsExactly(20L, 5L);
    }

    @Test
    void aDeliveryIsRecordedOncePerChannelHoweverOftenItIsReported() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false),
                        new org.loyalty.api.offer.OfferCommands.RecordOfferDelivery(MEMBER, "campaign-winback:0", "WEBHOOK"))
                .when(new org.loyalty.api.offer.OfferCommands.RecordOfferDelivery(MEMBER, "campaign-winback:0", "WEBHOOK"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(history()).filteredOn(org.loyalty.api.offer.OfferDelivered.class::isInstance).hasSize(1);
    }

    @Test
    void anOfferNotTakenUpExpiresWithTheDueWork() {
        given().at(ENROLLED).commands(enrollment()).at(ISSUED).commands(offer("campaign-winback:0", TRIPLE_FOR_14_DAYS, false))
                .at("2025-04-01T10:00:00Z").when(dueWork()).expectSuccessfulHandlerExecution();

        assertThat(last(OfferExpired.class).offerId()).isEqualTo("campaign-winback:0");
    }
}
