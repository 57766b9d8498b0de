package org.loyalty.api.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A finished refit: the fitted parameters by their names in the papers, and what it cost. */
public record RefitResult(long modelId, String kind, LocalDate asOf, Instant fittedAt, int customers, Map<String, Double> parameters,
                          double logLikelihood, boolean converged, Map<String, Double> spendModel, int membersScored,
                          long elapsedMillis) {
}
