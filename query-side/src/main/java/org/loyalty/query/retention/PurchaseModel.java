package org.loyalty.query.retention;

/**
 * A fitted purchase model, whichever kind: what the rest of the platform (scores, CLV) needs from it.
 * Time is in the unit of the data the model was fitted on (weeks for CDNOW).
 *
 * <p>Both models share one structure that the scorers rely on: given that a customer is still alive
 * at T, their future depends on their history only through (x, T), so
 * E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · E[Y(t) | alive at T, x, T]. The second factor can be
 * computed once per (x, T) and reused for every t_x (see {@link CustomerLifetimeValue}).
 */
public interface PurchaseModel {

    PurchaseModelKind kind();

    /** ln of the likelihood of one customer's (x, t_x, T). */
    double logLikelihood(PurchaseHistory history);

    /** P(alive at T | x, t_x, T). */
    double pAlive(PurchaseHistory history);

    /** E[Y(t) | x, t_x, T], the expected number of purchases in the next t time units. */
    default double expectedPurchases(PurchaseHistory history, double t) {
        return pAlive(history) * expectedPurchasesIfAlive(history.frequency(), history.age(), t);
    }

    /** E[Y(t) | alive at T, x, T]: expected purchases in the next t for a customer known to be alive. */
    double expectedPurchasesIfAlive(int x, double T, double t);
}
