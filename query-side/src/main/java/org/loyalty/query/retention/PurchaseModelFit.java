package org.loyalty.query.retention;

/**
 * A fitted purchase model of either kind, with its total log-likelihood on the fitting data and the
 * optimiser's diagnostics.
 */
public record PurchaseModelFit(PurchaseModel model, double logLikelihood, int customers, int distinctHistories,
        int evaluations, boolean converged) {

    public PurchaseModelKind kind() {
        return model.kind();
    }

    public double pAlive(PurchaseHistory history) {
        return model.pAlive(history);
    }

    public double expectedPurchases(PurchaseHistory history, double t) {
        return model.expectedPurchases(history, t);
    }
}
