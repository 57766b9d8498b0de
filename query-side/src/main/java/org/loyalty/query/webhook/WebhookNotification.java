package org.loyalty.query.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferTerms;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.webhook.WebhookEventType;

/**
 * One notification, the same for every subscriber of its type. Its {@link #body() body} is the JSON
 * that subscribers receive: {@code {id, type, occurredAt, memberId, data: {...}}}; {@code id} is the
 * event's id, the same on every attempt and for every subscriber (the delivery id tells subscribers apart).
 */
public record WebhookNotification(String eventId, WebhookEventType type, String memberId, Instant occurredAt, Map<String, Object> data) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Prefix of the event id of a points-expiring notification: one per member and expiry date. */
    public static final String POINTS_EXPIRING_ID_PREFIX = "points-expiring:";

    public WebhookNotification {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static WebhookNotification offerIssued(String eventId, OfferIssued event) {
        OfferTerms terms = event.terms();
        Map<String, Object> termsData = new LinkedHashMap<>();
        if (terms != null) {
            termsData.put("type", terms.type() == null ? null : terms.type().name());
            termsData.put("multiplier", terms.multiplier());
            termsData.put("days", terms.days());
            termsData.put("bonusPoints", terms.bonusPoints());
            termsData.put("minimumSpend", terms.minimumSpend());
            termsData.put("rewardId", terms.rewardId());
        }
        return new WebhookNotification(eventId, WebhookEventType.OFFER_ISSUED, event.memberId(), event.issuedAt(), data(
                "offerId", event.offerId(),
                "campaignId", event.campaignId(),
                "campaignName", event.campaignName(),
                "terms", terms == null ? null : termsData,
                "issuedAt", event.issuedAt(),
                "expiresAt", event.expiresAt()));
    }

    public static WebhookNotification tierChanged(String eventId, TierChanged event) {
        return new WebhookNotification(eventId, WebhookEventType.TIER_CHANGED, event.memberId(), event.changedAt(), data(
                "fromTier", event.fromTier(),
                "toTier", event.toTier(),
                "reason", event.reason(),
                "qualifyingPoints", event.qualifyingPoints(),
                "validUntil", event.validUntil()));
    }

    /**
     * {@code points} of the member's points expire on {@code expiryDate} (in the program's zone), the
     * first of them at {@code expiresAt}. Found by a scan at {@code scannedAt}, its id is the member and
     * the date, so however often the scan runs the member is told once per expiry date.
     */
    public static WebhookNotification pointsExpiring(String memberId, LocalDate expiryDate, Instant expiresAt, long points, Instant scannedAt) {
        return new WebhookNotification(pointsExpiringId(memberId, expiryDate), WebhookEventType.POINTS_EXPIRING, memberId, scannedAt, data(
                "points", points,
                "expiresAt", expiresAt,
                "expiryDate", expiryDate.toString()));
    }

    static String pointsExpiringId(String memberId, LocalDate expiryDate) {
        return POINTS_EXPIRING_ID_PREFIX + memberId + ":" + expiryDate;
    }

    /** The JSON body, with every field of {@code data} (null ones too, so the shape per type never varies). */
    public String body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type.name());
        body.put("occurredAt", occurredAt);
        body.put("memberId", memberId);
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook notification is always serializable", e);
        }
    }

    private static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }
}
