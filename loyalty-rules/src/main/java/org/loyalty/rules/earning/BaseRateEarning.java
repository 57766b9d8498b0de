package org.loyalty.rules.earning;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.loyalty.api.purchase.AppliedRule;

/**
 * The program's base earn rate: points = floor(net total x {@code pointsPerUnit}). At rate 1 that is
 * one point per whole currency unit (a 4.99 basket earns 4); at 1.2 a 12.60 basket earns 15. Rounding
 * happens once, on the total, so that splitting a basket into lines never loses points.
 */
public final class BaseRateEarning {

    public static final String RULE_ID = "base-rate";
    static final int RULE_VERSION = 1;

    private final BigDecimal pointsPerUnit;

    public BaseRateEarning(BigDecimal pointsPerUnit) {
        if (pointsPerUnit.signum() < 0) {
            throw new IllegalArgumentException("points per unit must not be negative: " + pointsPerUnit);
        }
        this.pointsPerUnit = pointsPerUnit;
    }

    public Earning earn(BigDecimal netTotal) {
        long points = netTotal.multiply(pointsPerUnit).setScale(0, RoundingMode.FLOOR).longValueExact();
        String why = pointsPerUnit.stripTrailingZeros().toPlainString() + " point(s) per currency unit, rounded down, on " + netTotal.toPlainString();
        return new Earning(points, List.of(new AppliedRule(RULE_ID, RULE_VERSION, points, why)));
    }
}
