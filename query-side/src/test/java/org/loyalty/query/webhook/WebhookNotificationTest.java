package org.loyalty.query.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.tier.TierChanged;

class WebhookNotificationTest {

    @Test
    void aTierChangeBecomesABodyWithIdTypeOccurredAtMemberAndData() {
        TierChanged event = new TierChanged("M-1", "GREEN", "GOLD", "QUALIFIED", 500, Instant.parse("2027-03-01T09:30:00Z"),
                Instant.parse("2026-03-01T09:30:00Z"));

        assertThat(WebhookNotification.tierChanged("evt-1", event).body()).isEqualTo("""
                {"id":"evt-1","type":"TIER_CHANGED","occurredAt":"2026-03-01T09:30:00Z","memberId":"M-1","data":\
                {"fromTier":"GREEN","toTier":"GOLD","reason":"QUALIFIED","qualifyingPoints":500,"validUntil":"2027-03-01T09:30:00Z"}}""");
    }

    @Test
    void anOfferKeepsEveryTermFieldNullOnesIncludedSoThatTheShapeNeverVaries() {
        OfferIssued event = new OfferIssued("M-2", "OFF-1", "CMP-1", "Spring double points", OfferTerms.multiplier(new BigDecimal("2.0"), 7),
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-31T00:00:00Z"), null);

        assertThat(WebhookNotification.offerIssued("evt-2", event).body()).isEqualTo("""
                {"id":"evt-2","type":"OFFER_ISSUED","occurredAt":"2026-03-01T00:00:00Z","memberId":"M-2","data":\
                {"offerId":"OFF-1","campaignId":"CMP-1","campaignName":"Spring double points",\
                "terms":{"type":"POINTS_MULTIPLIER","multiplier":2.0,"days":7,"bonusPoints":null,"minimumSpend":null,"rewardId":null},\
                "issuedAt":"2026-03-01T00:00:00Z","expiresAt":"2026-03-31T00:00:00Z"}}""");
    }

    @Test
    void expiringPointsAreIdentifiedByMemberAndExpiryDate() {
        WebhookNotification notification = WebhookNotification.pointsExpiring("M-3", LocalDate.parse("2026-09-01"),
                Instant.parse("2026-09-01T08:15:00Z"), 120, Instant.parse("2026-08-26T10:00:00Z"));

        assertThat(notification.eventId()).isEqualTo("points-expiring:M-3:2026-09-01");
        assertThat(notification.body()).isEqualTo("""
                {"id":"points-expiring:M-3:2026-09-01","type":"POINTS_EXPIRING","occurredAt":"2026-08-26T10:00:00Z","memberId":"M-3",\
                "data":{"points":120,"expiresAt":"2026-09-01T08:15:00Z","expiryDate":"2026-09-01"}}""");
    }

    @Test
    void postgresReadsRegionsAsTheyAreAndFixedOffsetsInPosixForm() {
        assertThat(ExpiringPointsScan.postgresZone(ZoneId.of("UTC"))).isEqualTo("UTC");
        assertThat(ExpiringPointsScan.postgresZone(ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(ExpiringPointsScan.postgresZone(ZoneId.of("Europe/Paris"))).isEqualTo("Europe/Paris");
        assertThat(ExpiringPointsScan.postgresZone(ZoneOffset.ofHoursMinutes(5, 30))).isEqualTo("UTC-05:30:00");
        assertThat(ExpiringPointsScan.postgresZone(ZoneOffset.ofHours(-8))).isEqualTo("UTC+08:00:00");
    }
}
