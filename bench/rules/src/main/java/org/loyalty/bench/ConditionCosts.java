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
 * timed one condition at a time in a warmed-up loop (best of 5 rounds), dearest first, as a Markdown table. It tells
 * which kinds of condition the time of {@link RuleEvaluationBenchmark#evaluate50Rules()} goes to.
 *
 * <p>{@code java -cp rules-benchmarks.jar org.loyalty.bench.ConditionCosts}
 */
public final class ConditionCosts {

    private static final int CALLS = 20_000;
    private static final int ROUNDS = 5;
    private static final Pattern MACRO = Pattern.compile("\\.(exists|exists_one|all|filter|map)\\(");

    private ConditionCosts() {
    }

    record Cost(String source, boolean holds, double nanos) {
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

        long sink = 0;
        double[] best = new double[compiled.size()];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        double bestConstant = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < compiled.size(); c++) {
                long start = System.nanoTime();
                for (int i = 0; i < CALLS; i++) {
                    sink += compiled.get(c).holds(purchase, member, now) ? 1 : 0;
                }
                best[c] = Math.min(best[c], (System.nanoTime() - start) / (double) CALLS);
            }
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                sink += constant.holds(purchase, member, now) ? 1 : 0;
            }
            bestConstant = Math.min(bestConstant, (System.nanoTime() - start) / (double) CALLS);
        }

        List<Cost> costs = new ArrayList<>();
        double total = 0;
        for (int c = 0; c < compiled.size(); c++) {
            costs.add(new Cost(compiled.get(c).source(), compiled.get(c).holds(purchase, member, now), best[c]));
            total += best[c];
        }
        costs.sort(Comparator.comparingDouble(Cost::nanos).reversed());
        System.out.println("| ns per call | holds | condition |");
        System.out.println("|---:|:---:|---|");
        for (Cost cost : costs) {
            System.out.printf("| %,.0f | %s | `%s` |%n", cost.nanos(), cost.holds() ? "yes" : "no", cost.source().replace("|", "\\|"));
        }
        List<Cost> withMacros = costs.stream().filter(cost -> MACRO.matcher(cost.source()).find()).toList();
        double macroTotal = withMacros.stream().mapToDouble(Cost::nanos).sum();
        System.out.printf("%nSum of the 50 conditions: %.1f us per purchase. The %d conditions that use a macro (exists, all,"
                        + " filter, map) account for %.1f us of it (%.0f%%); the other %d average %.0f ns each. The constant"
                        + " condition `true` alone costs %.0f ns (CEL's fixed cost per evaluation). (checksum %d)%n",
                total / 1_000, withMacros.size(), macroTotal / 1_000, 100 * macroTotal / total, costs.size() - withMacros.size(),
                (total - macroTotal) / (costs.size() - withMacros.size()), bestConstant, sink);
    }
}
