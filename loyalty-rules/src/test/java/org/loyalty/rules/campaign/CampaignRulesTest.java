package org.loyalty.rules.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.rules.campaign.facts.MemberInsight;

class CampaignRulesTest {

    static final AudienceConditions AUDIENCES = new AudienceConditions();
    static final CampaignValidator VALIDATOR = new CampaignValidator(AUDIENCES);
    static final Timestamp MARCH = Timestamp.newBuilder().setSeconds(Instant.parse("2026-03-10T10:00:00Z").getEpochSecond()).build();

    static MemberInsight.Builder member() {
        return MemberInsight.newBuilder().setId("m-1").setTier("GOLD").setSegment("At Risk").setPAlive(0.3).setClv(120.5)
                .setRiskScore(70).setDaysSinceLastPurchase(95).setPurchaseDays(8).setDaysSinceEnrollment(400).setBirthdayMonth(3)
                .setDaysSinceComplaintResolved(-1);
    }

    @Test
    void anAudienceComparesScoresWithWholeNumbersAndReadsEveryInsight() {
        var audience = AUDIENCES.compile("audience", "member.segment == \"At Risk\" && member.clv > 100 && member.p_alive < 0.5");

        assertThat(audience.includes(member().build(), MARCH)).isTrue();
        assertThat(audience.includes(member().setClv(99.99).build(), MARCH)).isFalse();
        assertThat(audience.includes(member().setSegment("Champions").build(), MARCH)).isFalse();
    }

    @Test
    void aBadAudienceIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> AUDIENCES.compile("audience", "member.lifetime_value > 10"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.message()).startsWith("line 1, column ").contains("lifetime_value")));
        assertThatThrownBy(() -> AUDIENCES.compile("audience", " ")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void everyPlaybookIsAValidCampaignWhoseAudienceCompiles() {
        assertThat(Playbooks.all()).hasSize(5).allSatisfy((name, definition) -> {
            assertThat(VALIDATOR.violations(definition)).as(name).isEmpty();
            assertThat(definition.playbook()).isEqualTo(name);
        });
    }

    @Test
    void theWinBackPlaybookTargetsValuableMembersSlippingAway() {
        var winBack = AUDIENCES.compile("audience", Playbooks.all().get(Playbooks.WIN_BACK).audience());

        assertThat(winBack.includes(member().build(), MARCH)).as("at risk, worth 120").isTrue();
        assertThat(winBack.includes(member().setClv(10).build(), MARCH)).as("at risk, worth little").isFalse();
        assertThat(winBack.includes(member().setSegment("Champions").setPAlive(0.95).build(), MARCH)).as("active").isFalse();
    }

    @Test
    void theBirthdayAndGoodwillPlaybooksLookAtTheMonthAndTheResolvedComplaint() {
        var birthday = AUDIENCES.compile("audience", Playbooks.all().get(Playbooks.BIRTHDAY).audience());
        var goodwill = AUDIENCES.compile("audience", Playbooks.all().get(Playbooks.GOODWILL).audience());

        assertThat(birthday.includes(member().build(), MARCH)).isTrue();
        assertThat(birthday.includes(member().setBirthdayMonth(4).build(), MARCH)).isFalse();
        assertThat(goodwill.includes(member().setDaysSinceComplaintResolved(2).build(), MARCH)).isTrue();
        assertThat(goodwill.includes(member().build(), MARCH)).isFalse();
    }

    @Test
    void theVipAndSecondPurchasePlaybooksPickChampionsOrReserveAndNewOneTimeBuyers() {
        var vip = AUDIENCES.compile("audience", Playbooks.all().get(Playbooks.VIP_SURPRISE).audience());
        var nudge = AUDIENCES.compile("audience", Playbooks.all().get(Playbooks.SECOND_PURCHASE).audience());

        assertThat(vip.includes(member().setSegment("Champions").build(), MARCH)).isTrue();
        assertThat(vip.includes(member().setTier("RESERVE").build(), MARCH)).isTrue();
        assertThat(vip.includes(member().build(), MARCH)).as("a Gold member at risk").isFalse();
        MemberInsight newcomer = member().setPurchaseDays(1).setDaysSinceLastPurchase(10).setDaysSinceEnrollment(12).build();
        assertThat(nudge.includes(newcomer, MARCH)).isTrue();
        assertThat(nudge.includes(newcomer.toBuilder().setPurchaseDays(2).build(), MARCH)).as("came back already").isFalse();
        assertThat(nudge.includes(newcomer.toBuilder().setDaysSinceLastPurchase(3).build(), MARCH)).as("bought days ago").isFalse();
        assertThat(nudge.includes(newcomer.toBuilder().setDaysSinceEnrollment(200).build(), MARCH)).as("not new").isFalse();
    }

    @Test
    void invalidCampaignsNameEveryFaultyField() {
        CampaignDefinition bad = new CampaignDefinition("", "member.nope", OfferTerms.multiplier(new BigDecimal("0.5"), 0), 0,
                Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), 0, -5L, 95, Set.of(), null);

        assertThat(VALIDATOR.violations(bad)).extracting(Violation::field).containsExactlyInAnyOrder("name", "offer.multiplier",
                "offer.days", "offerValidDays", "frequencyCapDays", "holdoutPercent", "budgetPoints", "validTo", "audience");
        assertThat(VALIDATOR.violations(new CampaignDefinition("x", "true", null, 7, null, null, 7, null, 0, Set.of(), null)))
                .extracting(Violation::field).containsExactly("offer.type");
    }

    @Test
    void holdoutIsTheSameOnEveryCallAndHoldsTheRequestedShare() {
        long held = IntStream.range(0, 20_000).filter(i -> HoldoutGroup.isHeldOut("camp-1", "member-" + i, 10)).count();

        assertThat(held).isBetween(1_800L, 2_200L);
        assertThat(IntStream.range(0, 1_000).allMatch(i -> HoldoutGroup.isHeldOut("camp-1", "member-" + i, 10)
                == HoldoutGroup.isHeldOut("camp-1", "member-" + i, 10))).isTrue();
        assertThat(IntStream.range(0, 1_000).noneMatch(i -> HoldoutGroup.isHeldOut("camp-1", "member-" + i, 0))).isTrue();
        long heldInBoth = IntStream.range(0, 20_000)
                .filter(i -> HoldoutGroup.isHeldOut("camp-1", "member-" + i, 10) && HoldoutGroup.isHeldOut("camp-2", "member-" + i, 10)).count();
        assertThat(heldInBoth).as("independent between campaigns: about 1% of members").isBetween(100L, 320L);
    }
}
