package org.loyalty.query.insight;

import java.time.Instant;
import java.time.LocalDate;
import org.loyalty.query.retention.GammaGammaModel;
import org.loyalty.query.retention.PurchaseModel;

/**
 * A fitted pair of models as stored: the purchase model (BG/NBD or Pareto/NBD) and the Gamma-Gamma
 * spend model ({@code spend} is null when too few members had repeat purchases to fit it).
 */
public record StoredModel(long id, PurchaseModel purchases, GammaGammaModel spend, double logLikelihood, int customers,
                          boolean converged, LocalDate asOf, Instant fittedAt, long fitMillis, int daysPerTimeUnit) {
}
