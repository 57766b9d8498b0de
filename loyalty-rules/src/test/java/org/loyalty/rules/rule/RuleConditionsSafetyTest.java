package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.loyalty.rules.rule.RuleFixtures.TUESDAY_10_UTC;
import static org.loyalty.rules.rule.RuleFixtures.timestamp;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/** Marketers' CEL cannot reach Java, cannot loop, and cannot run away with a purchase's evaluation. */
class RuleConditionsSafetyTest {

    static final Timestamp NOW = timestamp(TUESDAY_10_UTC);

    final RuleConditions conditions = new RuleConditions();
    final Member member = Member.newBuilder().setId("m-1").setTier("GOLD").build();

    static Purchase purchaseOf(int items) {
        Purchase.Builder purchase = Purchase.newBuilder();
        for (int i = 0; i < items; i++) {
            purchase.addItems(Item.newBuilder().setSku("sku-" + i).setCategory("c").setQuantity(1));
        }
        return purchase.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "purchase.getClass() != null",
            "purchase.getClass().getName() == \"x\"",
            "java.lang.Runtime.getRuntime().exec(\"touch /tmp/pwned\") != null",
            "java.lang.System.exit(1) == 0",
            "Class.forName(\"java.lang.Runtime\") != null",
            "member.toString() == \"\"",
            "member.getTier() == \"GOLD\"",
            "purchase.items[0].getClass().getDeclaredMethods().size() > 0",
            "type(purchase).getClassLoader() != null",
            "now.getClass() != null",
            "org.loyalty.rules.rule.RuleEngine.totalPoints([]) == 0",
            "loyalty.rules.Purchase{}.getClass() != null",
    })
    void javaMethodsAndClassesAreUnreachable(String expression) {
        assertThatThrownBy(() -> conditions.compile("condition", expression))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations())
                        .isNotEmpty()
                        .allSatisfy(v -> assertThat(v.field()).isEqualTo("condition"))
                        .extracting(Violation::message).allMatch(m -> m.startsWith("line 1, column ")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "while (true) { }",
            "for (i in purchase.items) { true }",
            "do { true } while (true)",
            "function f() { return f() }",
            "var x = 1; x == 1",
            "x = 1",
            "true; true",
            "goto loop",
    })
    void thereIsNoLoopStatementOrAssignment(String expression) {
        assertThatThrownBy(() -> conditions.compile("condition", expression)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void aConditionCannotCallItselfOrDefineFunctions() {
        // no user-defined functions means no recursion: the only repetition is the bounded macros over finite lists
        assertThatThrownBy(() -> conditions.compile("condition", "f(purchase)")).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void anOverlongConditionIsRefusedBeforeParsing() {
        String huge = String.join(" && ", Collections.nCopies(RuleConditions.MAX_LENGTH, "true"));

        assertThatThrownBy(() -> conditions.compile("condition", huge))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("must be at most 2000 characters");
    }

    @Test
    void aMacroOverAListWithinTheIterationBudgetRunsToTheEnd() {
        var lastIsThere = conditions.compile("condition", "purchase.items.exists(i, i.sku == \"sku-9998\")");

        assertThat(lastIsThere.holds(purchaseOf(9_999), member, NOW)).isTrue();
    }

    @Test
    void aMacroOverMoreItemsThanTheBudgetStopsAndTheConditionDoesNotHold() {
        // the matching item is the last one, so exists() must iterate all 20,000 to find it
        var lastIsThere = conditions.compile("condition", "purchase.items.exists(i, i.sku == \"sku-19999\")");
        Purchase huge = purchaseOf(20_000);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(lastIsThere.holds(huge, member, NOW)).isFalse());
        // while a condition that finds its answer early on the same purchase still holds
        assertThat(conditions.compile("condition", "purchase.items.exists(i, i.sku == \"sku-0\")").holds(huge, member, NOW)).isTrue();
    }

    @Test
    void nestedMacrosShareOneBudgetSoTheyCannotMultiplyTheirWayPastIt() {
        String ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        // 10 + 100 + 1,000 = 1,110 iterations: fine
        String threeDeep = ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, true)))";
        // 10^1 + ... + 10^6 iterations if unbounded; stops at 10,000
        String sixDeep = ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, " + ten + ".all(e, "
                + ten + ".all(f, true))))))";

        assertThat(conditions.compile("condition", threeDeep).holds(Purchase.getDefaultInstance(), member, NOW)).isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(
                conditions.compile("condition", sixDeep).holds(Purchase.getDefaultInstance(), member, NOW)).isFalse());
    }

    @Test
    void aQuadraticMacroOverTheItemsIsBoundedToo() {
        // 2,000 x 2,000 = 4,000,000 comparisons if unbounded
        var pairs = conditions.compile("condition",
                "purchase.items.all(a, purchase.items.all(b, a.quantity == b.quantity))");

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(pairs.holds(purchaseOf(2_000), member, NOW)).isFalse());
        assertThat(pairs.holds(purchaseOf(50), member, NOW)).isTrue();
    }

    @Test
    void aRunTimeErrorDoesNotHoldInsteadOfThrowing() {
        var outOfRange = conditions.compile("condition", "purchase.items[5].quantity > 0");
        var divideByZero = conditions.compile("condition", "purchase.total_minor / purchase.item_count > 0");
        var overflow = conditions.compile("condition", "purchase.total_minor * 9223372036854775807 > 0");

        assertThat(outOfRange.holds(purchaseOf(1), member, NOW)).isFalse();
        assertThat(divideByZero.holds(Purchase.getDefaultInstance(), member, NOW)).isFalse();
        assertThat(overflow.holds(Purchase.newBuilder().setTotalMinor(2).build(), member, NOW)).isFalse();
    }
}
