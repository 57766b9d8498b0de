package org.loyalty.infra.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseRecorded;

/**
 * Business counters, counted from the events (not from the controllers, which would miss what the
 * schedulers and campaigns do and count rejected requests).
 *
 * <p>Its own pooled processor, {@value #PROCESSING_GROUP}, with tokens in {@code tokenentry} like the
 * read models: the nodes share its segments, so every event is counted by exactly one node and the
 * Prometheus {@code sum} over the nodes is the platform's total. (A per-node in-memory processor, like
 * live-updates, would count every event on every node: the sum would be N times too large.) It starts at
 * the head of the event store and never replays: a counter counts what happened while it was running,
 * Prometheus' {@code rate}/{@code increase} do the rest. A counter is incremented only after the
 * processor's transaction (with its token) commits, so a batch that is rolled back and retried is not
 * counted twice.
 */
@ProcessingGroup(BusinessMetrics.PROCESSING_GROUP)
public class BusinessMetrics {

    public static final String PROCESSING_GROUP = "business-metrics";

    private final Counter purchasesRecorded;
    private final Counter pointsEarned;
    private final Counter pointsRedeemed;
    private final Counter pointsExpired;
    private final Map<OfferTerms.Type, Counter> offersIssued = new EnumMap<>(OfferTerms.Type.class);

    public BusinessMetrics(MeterRegistry registry) {
        purchasesRecorded = Counter.builder("loyalty.purchases.recorded")
                .description("Purchases recorded (PurchaseRecorded events)").register(registry);
        pointsEarned = Counter.builder("loyalty.points.earned").description("Points earned (sum of PointsEarned.points)").register(registry);
        pointsRedeemed = Counter.builder("loyalty.points.redeemed").description("Points redeemed (sum of PointsRedeemed.points)").register(registry);
        pointsExpired = Counter.builder("loyalty.points.expired").description("Points expired (sum of PointsExpired.points)").register(registry);
        // Tagged by the offer type only: campaign ids are unbounded, a tag per campaign would grow the series without limit.
        for (OfferTerms.Type type : OfferTerms.Type.values()) {
            offersIssued.put(type, Counter.builder("loyalty.offers.issued").tag("type", type.name())
                    .description("Offers issued to members (OfferIssued events), by offer type").register(registry));
        }
    }

    @EventHandler
    @DisallowReplay
    void on(PurchaseRecorded event) {
        afterCommit(purchasesRecorded, 1);
    }

    @EventHandler
    @DisallowReplay
    void on(PointsEarned event) {
        afterCommit(pointsEarned, event.points());
    }

    @EventHandler
    @DisallowReplay
    void on(PointsRedeemed event) {
        afterCommit(pointsRedeemed, event.points());
    }

    @EventHandler
    @DisallowReplay
    void on(PointsExpired event) {
        afterCommit(pointsExpired, event.points());
    }

    @EventHandler
    @DisallowReplay
    void on(OfferIssued event) {
        if (event.terms() != null && event.terms().type() != null) {
            afterCommit(offersIssued.get(event.terms().type()), 1);
        }
    }

    /** Nothing to clear; present so that the processor stays resettable (the reset skips every replayed event). */
    @ResetHandler
    void reset() {
    }

    private static void afterCommit(Counter counter, double amount) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> counter.increment(amount));
        } else {
            counter.increment(amount);
        }
    }
}
