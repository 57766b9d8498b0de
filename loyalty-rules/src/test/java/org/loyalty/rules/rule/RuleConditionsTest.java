package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

class RuleConditionsTest {

    /** Tuesday 2026-03-03. */
    static final Timestamp TUESDAY = Timestamp.newBuilder().setSeconds(Instant.parse("2026-03-03T10:00:00Z").getEpochSecond()).build();

    final RuleConditions conditions = new RuleConditions();
    final Purchase coffee = Purchase.newBuilder().setTotalMinor(950).setItemCount(2)
            .addItems(Item.newBuilder().setSku("LATTE").setCategory("coffee").setQuantity(2).setAmountMinor(950)).build();
    final Member gold = Member.newBuilder().setId("m-1").setTier("GOLD").setPurchaseCount(3).build();

    @Test
    void theIssuesExampleConditionCompilesAndHoldsForAGoldCoffeeBuyerOnATuesday() {
        var condition = conditions.compile("condition",
                "purchase.items.exists(i, i.category == \"coffee\") && member.tier == \"GOLD\" && now.getDayOfWeek() == 2");

        assertThat(condition.holds(coffee, gold, TUESDAY)).isTrue();
        assertThat(condition.holds(coffee, gold.toBuilder().setTier("GREEN").build(), TUESDAY)).isFalse();
    }

    @Test
    void aMisspeltFieldIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> conditions.compile("condition", "purchase.totl_minor > 100"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations()).singleElement()
                        .satisfies(v -> assertThat(v.message()).startsWith("line 1, column 9:").contains("totl_minor")));
    }

    @Test
    void aSyntaxErrorIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> conditions.compile("condition", "member.tier == \"GOLD\" &&"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .extracting(Violation::message).allMatch(m -> m.startsWith("line 1, column ")));
    }

    @Test
    void aConditionThatIsNotABooleanIsRejected() {
        assertThatThrownBy(() -> conditions.compile("condition", "purchase.total_minor"))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aBlankConditionAlwaysHolds() {
        assertThat(conditions.compile("condition", " ").holds(coffee, gold, TUESDAY)).isTrue();
    }
}
