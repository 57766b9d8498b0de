package org.loyalty.bench;

import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.loyalty.api.rule.RuleDefinition;
import org.loyalty.rules.rule.RuleConditions;
import org.loyalty.rules.rule.facts.Member;
import org.loyalty.rules.rule.facts.Purchase;

/**
 * A rough attribution, not a JMH measurement: the cost of each of the benchmark's 50 CEL conditions on its purchase,
 * on its compiled plan and on CEL's interpreter, timed one condition at a time in a warmed-up loop (best of 5 rounds),
 * dearest first, as a Markdown table. It tells which kinds of condition the time of
 * {@link RuleEvaluationBenchmark#evaluate50Rules()} goes to, and what planning each one gained.
 *
 * <p>{@code java -cp rules-benchmarks.jar org.loyalty.bench.ConditionCosts}
 */
public final class ConditionCosts {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 5;
    private static final Pattern MACRO = Pattern.compile("\\.(exists|exists_one|all|filter|map)\\(");

    private ConditionCosts() {
    }

    record Cost(String source, boolean holds, boolean planned, double nanos, double interpretedNanos) {
    }

    interface Evaluation {
        boolean run(RuleConditions.Condition condition, Purchase purchase, Member member, Timestamp now);
    }

    public static void main(String[] args) {
        RuleConditions conditions = new RuleConditions();
        Purchase purchase = RuleEvaluationBenchmark.purchase();
        Member member = RuleEvaluationBenchmark.member();
        Timestamp now = RuleEvaluationBenchmark.timestamp(RuleEvaluationBenchmark.NOW);
        List<RuleConditions.Condition> compiled = new ArrayList<>();
        for (RuleDefinition rule : RuleEvaluationBenchmark.rules()) {
            compiled.add(conditions.compile("condition", rule.condition()));
        }
        RuleConditions.Condition constant = conditions.compile("condition", "true");

        Evaluation planned = RuleConditions.Condition::holds;
        Evaluation interpreted = RuleConditions.Condition::interpreted;
        double[] plannedNanos = best(compiled, planned, purchase, member, now);
        double[] interpretedNanos = best(compiled, interpreted, purchase, member, now);
        double constantPlanned = best(List.of(constant), planned, purchase, member, now)[0];
        double constantInterpreted = best(List.of(constant), interpreted, purchase, member, now)[0];

        List<Cost> costs = new ArrayList<>();
        for (int c = 0; c < compiled.size(); c++) {
            RuleConditions.Condition condition = compiled.get(c);
            costs.add(new Cost(condition.source(), condition.holds(purchase, member, now), condition.planned(),
                    plannedNanos[c], interpretedNanos[c]));
        }
        costs.sort(Comparator.comparingDouble(Cost::nanos).reversed());
        System.out.println("| ns per call | ns on CEL's interpreter | holds | planned | condition |");
        System.out.println("|---:|---:|:---:|:---:|---|");
        for (Cost cost : costs) {
            System.out.printf("| %,.0f | %,.0f | %s | %s | `%s` |%n", cost.nanos(), cost.interpretedNanos(), cost.holds() ? "yes" : "no",
                    cost.planned() ? "yes" : "no", cost.source().replace("|", "\\|"));
        }
        double total = costs.stream().mapToDouble(Cost::nanos).sum();
        double totalInterpreted = costs.stream().mapToDouble(Cost::interpretedNanos).sum();
        List<Cost> withMacros = costs.stream().filter(cost -> MACRO.matcher(cost.source()).find()).toList();
        double macroTotal = withMacros.stream().mapToDouble(Cost::nanos).sum();
        System.out.printf("%nSum of the 50 conditions: %.1f us per purchase on their plans (%d of 50 planned), %.1f us on CEL's"
                        + " interpreter. The %d conditions that use a macro (exists, all, filter, map) account for %.1f us of the"
                        + " planned sum (%.0f%%). The constant condition `true` costs %.0f ns planned, %.0f ns interpreted.%n",
                total / 1_000, costs.stream().filter(Cost::planned).count(), totalInterpreted / 1_000, withMacros.size(),
                macroTotal / 1_000, 100 * macroTotal / total, constantPlanned, constantInterpreted);
    }

    /** Best-of-rounds nanoseconds per call of each condition. */
    private static double[] best(List<RuleConditions.Condition> conditions, Evaluation evaluation,
                                 Purchase purchase, Member member, Timestamp now) {
        double[] best = new double[conditions.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < conditions.size(); c++) {
                long start = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    sink += evaluation.run(conditions.get(c), purchase, member, now) ? 1 : 0;
                }
                best[c] = Math.min(best[c], (System.nanoTime() - start) / (double) CALLS);
            }
        }
        if (sink == 42) {
            System.out.println(); // keeps the loop's result alive
        }
        return best;
    }
}
