/**
 * Customer-base ("buy till you die") retention models and program metrics in plain Java, with no
 * third-party libraries, Spring or Axon:
 * <ul>
 *   <li>purchase models behind {@link org.loyalty.query.retention.PurchaseModel}, chosen by
 *       {@link org.loyalty.query.retention.PurchaseModelKind} and fitted with
 *       {@link org.loyalty.query.retention.PurchaseModels#fit}: BG/NBD (Fader, Hardie and Lee 2005,
 *       "Counting your customers the easy way") and Pareto/NBD (Schmittlein, Morrison and Colombo 1987;
 *       Fader and Hardie 2005, "A Note on Deriving the Pareto/NBD Model and Related Expressions");</li>
 *   <li>the Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV") and
 *       {@link org.loyalty.query.retention.CustomerLifetimeValue};</li>
 *   <li>RFM scores and segments, a churn-risk score with reasons, and program KPIs
 *       ({@link org.loyalty.query.retention.ProgramMetrics}).</li>
 * </ul>
 * Maximum-likelihood fits use a self-contained Nelder-Mead simplex search in log-parameter space.
 *
 * <p>Time is measured in whatever unit the calibration data use (weeks for CDNOW). Money enters and
 * leaves as BigDecimal; model parameters and scores are doubles.
 */
package org.loyalty.query.retention;
