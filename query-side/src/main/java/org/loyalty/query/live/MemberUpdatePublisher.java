package org.loyalty.query.live;

import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.MemberUpdate.OfferChange;
import org.loyalty.api.account.MemberUpdate.OfferStatus;
import org.loyalty.api.account.WatchMember;
import org.loyalty.api.offer.OfferActivated;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferRedeemed;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.referral.ReferralBonusEarned;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;

/**
 * Turns balance, tier and offer events into {@link MemberUpdate}s for the subscribers of {@link WatchMember}
 * on this node. It writes nothing: it runs in a processor of its own ({@value #PROCESSING_GROUP}) that every
 * node runs over the whole event stream, from the head at start-up, with its tokens in memory, because
 * subscription queries live in one JVM and the read-model processors share their segments between the nodes.
 *
 * <p>Every value comes from the event itself ({@code balanceAfter}, {@code toTier}), which is what the
 * {@code member-accounts} projection writes too, so a stream and the read model never disagree, they
 * can only be a few milliseconds apart. The event is committed in the event store before any processor
 * reads it, and {@link QueryUpdateEmitter#emit} inside the processor's unit of work holds the update back
 * until that unit of work commits: a client never sees a value that is then rolled back.
 */
@ProcessingGroup(MemberUpdatePublisher.PROCESSING_GROUP)
public class MemberUpdatePublisher {

    public static final String PROCESSING_GROUP = "live-updates";

    private final QueryUpdateEmitter emitter;
    private final RecentMemberUpdates recent;

    public MemberUpdatePublisher(QueryUpdateEmitter emitter, RecentMemberUpdates recent) {
        this.emitter = emitter;
        this.recent = recent;
    }

    @EventHandler
    void on(PointsEarned event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), event.points(), "EARNED", event.transactionId(), event.earnedAt());
    }

    @EventHandler
    void on(ReferralBonusEarned event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), event.points(), "REFERRAL_BONUS", null, event.earnedAt());
    }

    @EventHandler
    void on(PurchaseReturned event, EventMessage<?> message) {
        // As the ledger counts it: points of the purchase that had expired already are not taken twice.
        balance(message, event.memberId(), event.balanceAfter(), -(event.pointsTaken() - event.alreadyExpired()), "RETURNED",
                event.originalTransactionId(), event.returnedAt());
    }

    @EventHandler
    void on(PointsRedeemed event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), -event.points(), "REDEEMED", null, event.redeemedAt());
    }

    @EventHandler
    void on(RedemptionCancelled event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), event.points(), "REDEMPTION_CANCELLED", null, event.cancelledAt());
    }

    @EventHandler
    void on(PointsAdjusted event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), event.points(), "ADJUSTED", null, event.adjustedAt());
    }

    @EventHandler
    void on(PointsExpired event, EventMessage<?> message) {
        balance(message, event.memberId(), event.balanceAfter(), -event.points(), "EXPIRED", null, event.expiredAt());
    }

    @EventHandler
    void on(TierChanged event, EventMessage<?> message) {
        publish(MemberUpdate.tier(event.memberId(), sequence(message, event.memberId()), message.getIdentifier(), event.toTier(),
                event.fromTier(), event.reason(), event.validUntil(), event.changedAt()));
    }

    @EventHandler
    void on(TierRenewed event, EventMessage<?> message) {
        publish(MemberUpdate.tier(event.memberId(), sequence(message, event.memberId()), message.getIdentifier(), event.tier(),
                event.tier(), "RENEWED", event.validUntil(), event.renewedAt()));
    }

    @EventHandler
    void on(OfferIssued event, EventMessage<?> message) {
        offer(message, event.memberId(), new OfferChange(event.offerId(), OfferStatus.ISSUED, event.campaignId(), event.campaignName(),
                event.terms(), event.expiresAt(), null, null), event.issuedAt());
    }

    @EventHandler
    void on(OfferActivated event, EventMessage<?> message) {
        offer(message, event.memberId(), new OfferChange(event.offerId(), OfferStatus.ACTIVATED, null, null, null, null, null, null),
                event.activatedAt());
    }

    @EventHandler
    void on(OfferRedeemed event, EventMessage<?> message) {
        offer(message, event.memberId(), new OfferChange(event.offerId(), OfferStatus.REDEEMED, event.campaignId(), null, null, null,
                event.points(), event.transactionId()), event.redeemedAt());
    }

    @EventHandler
    void on(OfferExpired event, EventMessage<?> message) {
        offer(message, event.memberId(), new OfferChange(event.offerId(), OfferStatus.EXPIRED, null, null, null, null, null, null),
                event.expiredAt());
    }

    private void balance(EventMessage<?> message, String memberId, long balance, long points, String reason, String transactionId,
                         Instant at) {
        publish(MemberUpdate.balance(memberId, sequence(message, memberId), message.getIdentifier(), balance, points, reason,
                transactionId, at));
    }

    private void offer(EventMessage<?> message, String memberId, OfferChange offer, Instant at) {
        publish(MemberUpdate.offer(memberId, sequence(message, memberId), message.getIdentifier(), offer, at));
    }

    /**
     * Remembered at once (the event is in the event store already), emitted after the unit of work commits:
     * a stream that opens in between finds it in {@link RecentMemberUpdates}, one that was open receives it.
     */
    private void publish(MemberUpdate update) {
        recent.record(update);
        emitter.emit(WatchMember.class, query -> query.memberId().equals(update.memberId()), update);
    }

    /** The event's place on the member's account stream; null for an event stored on another stream. */
    private static Long sequence(EventMessage<?> message, String memberId) {
        return message instanceof DomainEventMessage<?> domain && memberId.equals(domain.getAggregateIdentifier())
                ? domain.getSequenceNumber() : null;
    }
}
