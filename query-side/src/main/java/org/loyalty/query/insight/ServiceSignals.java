package org.loyalty.query.insight;

import java.util.List;
import org.loyalty.query.retention.ChurnRisk;

/**
 * What the service side says about a member: complaints still open, support requests not yet
 * resolved, and the newest NPS answer within the signal window (null if none).
 */
public record ServiceSignals(int openComplaints, int unresolvedTickets, ChurnRisk.NpsAnswer latestNps) {

    public static final ServiceSignals NONE = new ServiceSignals(0, 0, null);

    public ChurnRisk.Signals with(double pAlive) {
        return new ChurnRisk.Signals(pAlive, openComplaints, unresolvedTickets, latestNps == null ? List.of() : List.of(latestNps));
    }
}
