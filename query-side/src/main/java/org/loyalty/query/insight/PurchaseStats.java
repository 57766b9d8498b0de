package org.loyalty.query.insight;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.loyalty.query.retention.PurchaseHistory;
import org.loyalty.query.retention.SpendHistory;

/**
 * One member's purchase statistics as the retention-stats projection keeps them.
 *
 * @param purchaseDays  distinct days with a purchase (x + 1)
 * @param totalSpend    net spend over all purchase days
 * @param firstDaySpend spend on the first day, which the spend model leaves out (it models repeat purchases)
 */
public record PurchaseStats(String memberId, LocalDate firstDay, LocalDate lastDay, int purchaseDays,
                            BigDecimal totalSpend, BigDecimal firstDaySpend) {

    /** x, t_x and T in {@code daysPerUnit}-day units, T counted to {@code asOf} (a day before the first purchase counts 0). */
    public PurchaseHistory history(LocalDate asOf, int daysPerUnit) {
        double age = Math.max(0, ChronoUnit.DAYS.between(firstDay, asOf)) / (double) daysPerUnit;
        double recency = Math.min(age, ChronoUnit.DAYS.between(firstDay, lastDay) / (double) daysPerUnit);
        return new PurchaseHistory(repeatPurchases(), recency, age);
    }

    public int repeatPurchases() {
        return purchaseDays - 1;
    }

    /** Mean spend of the repeat purchase days (0 when there are none), the Gamma-Gamma model's input. */
    public SpendHistory repeatSpend() {
        int x = repeatPurchases();
        if (x == 0) {
            return new SpendHistory(0, 0);
        }
        BigDecimal mean = totalSpend.subtract(firstDaySpend).max(BigDecimal.ZERO)
                .divide(BigDecimal.valueOf(x), 4, RoundingMode.HALF_EVEN);
        return new SpendHistory(x, mean.doubleValue());
    }

    public long daysSinceLastPurchase(LocalDate asOf) {
        return Math.max(0, ChronoUnit.DAYS.between(lastDay, asOf));
    }
}
