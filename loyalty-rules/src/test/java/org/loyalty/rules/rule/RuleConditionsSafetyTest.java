package org.loyalty.rules.rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.loyalty.rules.rule.RuleFixtures.TUESDAY_10_UTC;
import static org.loyalty.rules.rule.RuleFixtures.timestamp;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.loyalty.rules.campaign.AudienceConditions;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.rule.facts.Item;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/**
 * Marketers' CEL cannot reach files, the environment or Java, cannot loop, and cannot run away with a
 * purchase's evaluation: proved through the public compile and evaluate API, on the compiled plan
 * ({@link RuleConditions.Condition#holds}) and on CEL's interpreter ({@link RuleConditions.Condition#interpreted})
 * alike, with the exact refusal each time.
 */
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

    /** The one violation a refused condition gets, as marketers see it. */
    private List<String> refusal(String expression) {
        try {
            conditions.compile("condition", expression);
        } catch (InvalidRequestException e) {
            assertThat(e.violations()).extracting(Violation::field).containsOnly("condition");
            return e.violations().stream().map(Violation::message).toList();
        }
        throw new AssertionError("compiled: " + expression);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            file("/etc/passwd") != ""                 | line 1, column 5: undeclared reference to 'file' (in container '')
            readFile("/etc/passwd").size() > 0        | line 1, column 9: undeclared reference to 'readFile' (in container '')
            env("HOME") == ""                         | line 1, column 4: undeclared reference to 'env' (in container '')
            getenv("HOME") == ""                      | line 1, column 7: undeclared reference to 'getenv' (in container '')
            exec("ls") == 0                           | line 1, column 5: undeclared reference to 'exec' (in container '')
            import("os")                              | line 1, column 1: reserved identifier: import
            """)
    void thereIsNoFunctionToReadFilesTheEnvironmentOrRunCommands(String expression, String refusal) {
        assertThat(refusal(expression)).containsExactly(refusal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "x".getClass() != null                    | line 1, column 13: undeclared reference to 'getClass' (in container '')
            purchase.getClass() != null               | line 1, column 18: undeclared reference to 'getClass' (in container '')
            dyn(purchase).getClass() != null          | line 1, column 23: undeclared reference to 'getClass' (in container '')
            type(purchase).getName() == "x"           | line 1, column 23: undeclared reference to 'getName' (in container '')
            "abc".substring(1) == "bc"                | line 1, column 16: undeclared reference to 'substring' (in container '')
            "x".toUpperCase() == "X"                  | line 1, column 16: undeclared reference to 'toUpperCase' (in container '')
            purchase.items.stream() != null           | line 1, column 22: undeclared reference to 'stream' (in container '')
            "a".repeat(1000000) == ""                 | line 1, column 11: undeclared reference to 'repeat' (in container '')
            purchase.items.map(i, i.sku).join(",") == "" | line 1, column 34: undeclared reference to 'join' (in container '')
            range(1000000).all(i, true)               | line 1, column 6: undeclared reference to 'range' (in container '')
            """)
    void aMethodOutsideTheDeclaredSetIsAnUndeclaredReference(String expression, String refusal) {
        assertThat(refusal(expression)).containsExactly(refusal);
    }

    @Test
    void javaClassesAndReflectionAreUndeclaredNamesNotPackages() {
        assertThat(refusal("java.lang.Runtime.getRuntime() != null")).containsExactly(
                "line 1, column 1: undeclared reference to 'java' (in container '')",
                "line 1, column 29: undeclared reference to 'getRuntime' (in container '')");
        assertThat(refusal("Class.forName(\"java.lang.Runtime\") != null")).containsExactly(
                "line 1, column 1: undeclared reference to 'Class' (in container '')",
                "line 1, column 14: undeclared reference to 'forName' (in container '')");
        assertThat(refusal("System.getenv(\"PATH\") == \"\"")).containsExactly(
                "line 1, column 1: undeclared reference to 'System' (in container '')",
                "line 1, column 14: undeclared reference to 'getenv' (in container '')");
    }

    @Test
    void thereAreNoLocalVariablesToGrowAValueWith() {
        // cel.bind would let s + s double a string per step; the extension is not enabled
        assertThat(refusal("cel.bind(s, \"x\", s + s) == \"\"")).startsWith(
                "line 1, column 1: undeclared reference to 'cel' (in container '')");
    }

    @Test
    void aLoopStatementIsASyntaxError() {
        assertThat(refusal("while (true) { }")).containsExactly(
                "line 1, column 1: reserved identifier: while",
                "line 1, column 14: mismatched input '{' expecting {'==', '!=', 'in', '<', '<=', '>=', '>', '&&', '||', '[', ')', '.', ',', '-', '?', '+', '*', '/', '%%'}");
    }

    @Test
    void deepNestingIsRefusedByTheParsersRecursionLimit() {
        assertThat(refusal("(".repeat(300) + "true" + ")".repeat(300)))
                .containsExactly("line 1, column 1: Expression recursion limit exceeded. limit: 250");
        assertThat(refusal("[".repeat(300) + "1" + "]".repeat(300) + " == []"))
                .containsExactly("line 1, column 1: Expression recursion limit exceeded. limit: 250");
    }

    /** Both evaluation paths stop within the budget, quickly, and do not hold; the interpreter says why. */
    private void stopsAtTheIterationBudget(String expression, Purchase purchase) {
        RuleConditions.Condition condition = conditions.compile("condition", expression);
        assertThat(condition.planned()).as("runs on the plan").isTrue();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(condition.holds(purchase, member, NOW)).as("plan").isFalse();
            assertThat(condition.interpreted(purchase, member, NOW)).as("interpreter").isFalse();
        });
        assertThat(condition.interpreterFailure(purchase, member, NOW))
                .contains("evaluation error: Iteration budget exceeded: " + RuleConditions.MAX_ITERATIONS);
    }

    @Test
    void macrosNestedOverLiteralListsStopAtTheIterationBudgetOnBothPaths() {
        String ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        // 10^5 innermost steps if unbounded
        stopsAtTheIterationBudget(ten + ".all(a, " + ten + ".all(b, " + ten + ".all(c, " + ten + ".all(d, " + ten
                + ".all(e, true)))))", Purchase.getDefaultInstance());
    }

    @Test
    void buildingAHugeListOfStringsStopsAtTheIterationBudgetOnBothPaths() {
        String ten = "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]";
        // 100,000 strings of 10 characters, nested five lists deep, if unbounded
        stopsAtTheIterationBudget(ten + ".map(a, " + ten + ".map(b, " + ten + ".map(c, " + ten + ".map(d, " + ten
                + ".map(e, \"xxxxxxxxxx\"))))).size() > 0", Purchase.getDefaultInstance());
        // one string per item, over more items than the budget
        stopsAtTheIterationBudget("size(purchase.items.map(i, i.sku + i.sku + i.sku + i.sku)) > 0", purchaseOf(20_000));
    }

    @Test
    void aQuadraticMacroStopsAtTheIterationBudgetOnBothPaths() {
        stopsAtTheIterationBudget("purchase.items.all(a, purchase.items.all(b, a.sku + b.sku != \"\"))", purchaseOf(2_000));
    }

    @Test
    void withinTheBudgetTheSameKindOfConditionRunsToItsAnswerOnBothPaths() {
        RuleConditions.Condition condition = conditions.compile("condition",
                "purchase.items.all(a, purchase.items.all(b, a.sku + b.sku != \"\"))");
        Purchase small = purchaseOf(50);

        assertThat(condition.holds(small, member, NOW)).isTrue();
        assertThat(condition.interpreted(small, member, NOW)).isTrue();
        assertThat(condition.interpreterFailure(small, member, NOW)).isEqualTo(Optional.empty());
    }

    @Test
    void regularExpressionsRunInLinearTimeSoCatastrophicBacktrackingCannotHappen() {
        // (a+)+$ on "aaa...a!" takes exponential time on a backtracking engine; CEL's is RE2
        RuleConditions.Condition condition = conditions.compile("condition",
                "\"" + "a".repeat(1_000) + "!\".matches(\"^(a+)+$\")");

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(condition.holds(Purchase.getDefaultInstance(), member, NOW)).isFalse();
            assertThat(condition.interpreted(Purchase.getDefaultInstance(), member, NOW)).isFalse();
        });
    }

    @Test
    void campaignAudiencesAreSandboxedTheSameWay() {
        AudienceConditions audiences = new AudienceConditions();

        assertThatThrownBy(() -> audiences.compile("audience", "file(\"/etc/passwd\") != \"\""))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations()).containsExactly(
                        new Violation("audience", "line 1, column 5: undeclared reference to 'file' (in container '')")));
        assertThatThrownBy(() -> audiences.compile("audience", "member.getClass() != null"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).violations()).containsExactly(
                        new Violation("audience", "line 1, column 16: undeclared reference to 'getClass' (in container '')")));
    }
}
