package org.loyalty.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.SubscriptionQueryUpdateMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.MemberUpdate.OfferStatus;
import org.loyalty.api.account.WatchMember;
import org.loyalty.api.offer.OfferActivated;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferRedeemed;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;

/** The live-updates publisher with Axon's own query update emitter, inside and outside a unit of work. */
class MemberUpdatePublisherTest {

    static final Instant AT = Instant.parse("2026-03-01T09:30:00Z");

    SimpleQueryUpdateEmitter emitter;
    RecentMemberUpdates recent;
    MemberUpdatePublisher publisher;
    List<MemberUpdate> annsUpdates;

    @BeforeEach
    void subscribeToAnn() {
        emitter = SimpleQueryUpdateEmitter.builder().build();
        recent = new RecentMemberUpdates(100, Duration.ofMinutes(1));
        publisher = new MemberUpdatePublisher(emitter, recent);
        annsUpdates = subscribe("ann");
    }

    private List<MemberUpdate> subscribe(String memberId) {
        List<MemberUpdate> received = new CopyOnWriteArrayList<>();
        emitter.<MemberUpdate>registerUpdateHandler(new GenericSubscriptionQueryMessage<>(new WatchMember(memberId),
                        ResponseTypes.instanceOf(MemberUpdate.class), ResponseTypes.instanceOf(MemberUpdate.class)), 16)
                .getUpdates().map(SubscriptionQueryUpdateMessage::getPayload).subscribe(received::add);
        return received;
    }

    static PointsEarned earned(String memberId, long points, long balanceAfter) {
        return new PointsEarned(memberId, "TX-1", points, balanceAfter, List.of(), AT, "GREEN", List.of(), null, null, null, 0);
    }

    /** As the event store hands an account event to a processor: on the member's stream, with its sequence number. */
    static <T> EventMessage<T> onAccount(String memberId, long sequence, T event) {
        return new GenericDomainEventMessage<>("MemberAccount", memberId, sequence, event);
    }

    @Test
    void anUpdateLeavesOnlyAfterTheUnitOfWorkCommits() {
        PointsEarned event = earned("ann", 12, 112);
        EventMessage<PointsEarned> message = onAccount("ann", 7, event);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);

        publisher.on(event, message);
        assertThat(annsUpdates).as("held back until the commit").isEmpty();
        unitOfWork.commit();

        assertThat(annsUpdates).containsExactly(MemberUpdate.balance("ann", 7L, message.getIdentifier(), 112, 12, "EARNED", "TX-1", AT));
    }

    @Test
    void aRolledBackUnitOfWorkEmitsNothing() {
        PointsEarned event = earned("ann", 12, 112);
        EventMessage<PointsEarned> message = onAccount("ann", 7, event);
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);

        publisher.on(event, message);
        unitOfWork.rollback();

        assertThat(annsUpdates).isEmpty();
    }

    @Test
    void onlyTheMembersOwnSubscriptionsReceiveTheUpdate() {
        List<MemberUpdate> bensUpdates = subscribe("ben");

        publisher.on(earned("ben", 5, 5), onAccount("ben", 1, earned("ben", 5, 5)));

        assertThat(annsUpdates).isEmpty();
        assertThat(bensUpdates).extracting(MemberUpdate::balance).containsExactly(5L);
    }

    @Test
    void pointMovementsAreBalanceUpdatesSignedAsTheLedgerCountsThem() {
        PurchaseReturned returned = new PurchaseReturned("ann", "RET-1", "TX-1", List.of(), BigDecimal.TEN, 10, List.of(), 3, 0, 95, AT);
        PointsRedeemed redeemed = new PointsRedeemed("ann", "RED-1", "key", "R60", 60, List.of(), 35, AT);
        PointsExpired expired = new PointsExpired("ann", 35, List.of(), 0, "INACTIVITY", AT);

        publisher.on(returned, onAccount("ann", 8, returned));
        publisher.on(redeemed, onAccount("ann", 9, redeemed));
        publisher.on(expired, onAccount("ann", 10, expired));

        assertThat(annsUpdates).extracting(MemberUpdate::kind, MemberUpdate::sequence, MemberUpdate::points, MemberUpdate::balance,
                        MemberUpdate::reason, MemberUpdate::transactionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(MemberUpdate.Kind.BALANCE, 8L, -7L, 95L, "RETURNED", "TX-1"),
                        org.assertj.core.groups.Tuple.tuple(MemberUpdate.Kind.BALANCE, 9L, -60L, 35L, "REDEEMED", null),
                        org.assertj.core.groups.Tuple.tuple(MemberUpdate.Kind.BALANCE, 10L, -35L, 0L, "EXPIRED", null));
    }

    @Test
    void tierChangesAndRenewalsAreTierUpdates() {
        Instant validUntil = AT.plus(Duration.ofDays(365));
        TierChanged gold = new TierChanged("ann", "GREEN", "GOLD", "QUALIFIED", 520, validUntil, AT);
        TierRenewed renewed = new TierRenewed("ann", "GOLD", 600, validUntil.plus(Duration.ofDays(365)), AT.plus(Duration.ofDays(365)));

        publisher.on(gold, onAccount("ann", 4, gold));
        publisher.on(renewed, onAccount("ann", 9, renewed));

        assertThat(annsUpdates).containsExactly(
                MemberUpdate.tier("ann", 4L, annsUpdates.get(0).eventId(), "GOLD", "GREEN", "QUALIFIED", validUntil, AT),
                MemberUpdate.tier("ann", 9L, annsUpdates.get(1).eventId(), "GOLD", "GOLD", "RENEWED", validUntil.plus(Duration.ofDays(365)),
                        AT.plus(Duration.ofDays(365))));
    }

    @Test
    void everyOfferEventIsAnOfferUpdateWithItsStatus() {
        OfferTerms terms = OfferTerms.bonusOnNextPurchase(50, new BigDecimal("10.00"));
        OfferIssued issued = new OfferIssued("ann", "OFFER-1", "CAMP-1", "Spring bonus", terms, AT, AT.plus(Duration.ofDays(14)), null);

        publisher.on(issued, onAccount("ann", 11, issued));
        publisher.on(new OfferActivated("ann", "OFFER-1", AT), onAccount("ann", 12, new OfferActivated("ann", "OFFER-1", AT)));
        OfferRedeemed redeemed = new OfferRedeemed("ann", "OFFER-1", "CAMP-1", "TX-9", 50, AT);
        publisher.on(redeemed, onAccount("ann", 13, redeemed));
        publisher.on(new OfferExpired("ann", "OFFER-2", AT), onAccount("ann", 14, new OfferExpired("ann", "OFFER-2", AT)));

        assertThat(annsUpdates).allSatisfy(update -> assertThat(update.kind()).isEqualTo(MemberUpdate.Kind.OFFER));
        assertThat(annsUpdates).extracting(u -> u.offer().status())
                .containsExactly(OfferStatus.ISSUED, OfferStatus.ACTIVATED, OfferStatus.REDEEMED, OfferStatus.EXPIRED);
        assertThat(annsUpdates.get(0).offer()).isEqualTo(new MemberUpdate.OfferChange("OFFER-1", OfferStatus.ISSUED, "CAMP-1",
                "Spring bonus", terms, AT.plus(Duration.ofDays(14)), null, null));
        assertThat(annsUpdates.get(2).offer().points()).isEqualTo(50L);
        assertThat(annsUpdates.get(2).offer().transactionId()).isEqualTo("TX-9");
    }

    @Test
    void anEventFromAnotherStreamHasNoAccountSequence() {
        OfferIssued issued = new OfferIssued("ann", "OFFER-1", "CAMP-1", "Spring bonus", OfferTerms.freeReward("R60"), AT, null, null);
        EventMessage<OfferIssued> published = GenericEventMessage.asEventMessage(issued);
        EventMessage<OfferIssued> onACampaign = new GenericDomainEventMessage<>("Campaign", "CAMP-1", 3, issued);

        publisher.on(issued, published);
        publisher.on(issued, onACampaign);

        assertThat(annsUpdates).extracting(MemberUpdate::sequence).containsExactly(null, null);
        assertThat(annsUpdates).extracting(MemberUpdate::eventId).containsExactly(published.getIdentifier(), onACampaign.getIdentifier());
    }

    @Test
    void balanceAndTierUpdatesAreRememberedForStreamsThatAreOpening() {
        publisher.on(earned("ann", 12, 112), onAccount("ann", 7, earned("ann", 12, 112)));

        MemberUpdate readModel = MemberUpdate.current("ann", 5, 100, "GREEN", null, AT.minusSeconds(60));
        assertThat(recent.newest(readModel)).isEqualTo(MemberUpdate.current("ann", 7, 112, "GREEN", null, AT));
    }
}
