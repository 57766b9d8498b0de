package org.loyalty.query.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.campaign.CampaignEvents.CampaignDrafted;
import org.loyalty.api.campaign.CampaignEvents.CampaignEnded;
import org.loyalty.api.campaign.CampaignEvents.CampaignLaunched;
import org.loyalty.api.campaign.CampaignEvents.CampaignPaused;
import org.loyalty.api.campaign.CampaignEvents.CampaignRevised;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.privacy.ConsentChanged;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.offer.HoldoutAssigned;
import org.loyalty.api.offer.OfferActivated;
import org.loyalty.api.offer.OfferDelivered;
import org.loyalty.api.offer.OfferExpired;
import org.loyalty.api.offer.OfferIssued;
import org.loyalty.api.offer.OfferRedeemed;
import org.loyalty.api.offer.OfferViewed;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Campaigns, the offers they gave and who was picked for which group. Every write is keyed (campaign,
 * member and offer), and a redemption adds to its offer only in the processor's transaction with the
 * token, so each event counts once; a reset truncates and replays.
 */
@ProcessingGroup(CampaignProjection.PROCESSING_GROUP)
public class CampaignProjection {

    public static final String PROCESSING_GROUP = "campaigns";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public CampaignProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CampaignDrafted event) {
        jdbc.update("""
                INSERT INTO campaign (campaign_id, name, status, draft, updated_at) VALUES (?, ?, 'DRAFT', ?::jsonb, ?)
                ON CONFLICT DO NOTHING""", event.campaignId(), event.definition().name(), json(event.definition()), ts(event.at()));
    }

    @EventHandler
    void on(CampaignRevised event) {
        jdbc.update("UPDATE campaign SET name = ?, draft = ?::jsonb, updated_at = ? WHERE campaign_id = ?",
                event.definition().name(), json(event.definition()), ts(event.at()), event.campaignId());
    }

    @EventHandler
    void on(CampaignLaunched event) {
        jdbc.update("""
                UPDATE campaign SET status = 'LIVE', running = ?::jsonb, launched_at = coalesce(launched_at, ?), updated_at = ?
                 WHERE campaign_id = ?""", json(event.definition()), ts(event.at()), ts(event.at()), event.campaignId());
    }

    @EventHandler
    void on(CampaignPaused event) {
        jdbc.update("UPDATE campaign SET status = 'PAUSED', updated_at = ? WHERE campaign_id = ?", ts(event.at()), event.campaignId());
    }

    @EventHandler
    void on(CampaignEnded event) {
        jdbc.update("UPDATE campaign SET status = 'ENDED', ended_at = ?, updated_at = ? WHERE campaign_id = ?",
                ts(event.at()), ts(event.at()), event.campaignId());
    }

    /** The birthday month is the birthday's: gone with it (0, as for a member who never gave one). */
    @EventHandler
    void on(PersonalDataErased event) {
        jdbc.update("UPDATE member_profile SET birthday_month = 0 WHERE member_id = ?", event.memberId());
    }

    @EventHandler
    void on(MemberEnrolled event) {
        jdbc.update("""
                INSERT INTO member_profile (member_id, birthday_month, enrolled_at, marketing_email, marketing_sms, marketing_push)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.birthday() == null ? 0 : event.birthday().getMonthValue(), ts(event.enrolledAt()),
                event.marketingConsent(), event.marketingConsent(), event.marketingConsent());
    }

    /** Marketing consent per channel: a member who accepts none gets no campaign offers. */
    @EventHandler
    void on(ConsentChanged event) {
        String column = switch (event.purpose()) {
            case MARKETING_EMAIL -> "marketing_email";
            case MARKETING_SMS -> "marketing_sms";
            case MARKETING_PUSH -> "marketing_push";
            case ANALYTICS -> null;
        };
        if (column != null) {
            jdbc.update("UPDATE member_profile SET " + column + " = ? WHERE member_id = ?", event.granted(), event.memberId());
        }
    }

    @EventHandler
    void on(OfferIssued event) {
        jdbc.update("""
                INSERT INTO member_offer (member_id, offer_id, campaign_id, campaign_name, terms, status, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?::jsonb, 'ISSUED', ?, ?) ON CONFLICT DO NOTHING""",
                event.memberId(), event.offerId(), event.campaignId(), event.campaignName(), json(event.terms()),
                ts(event.issuedAt()), ts(event.expiresAt()));
        assign(event.campaignId(), event.memberId(), event.offerId(), "TREATMENT", event.issuedAt());
    }

    @EventHandler
    void on(HoldoutAssigned event) {
        assign(event.campaignId(), event.memberId(), event.offerId(), "HOLDOUT", event.assignedAt());
    }

    @EventHandler
    void on(OfferDelivered event) {
        jdbc.update("UPDATE member_offer SET delivered_at = coalesce(delivered_at, ?) WHERE member_id = ? AND offer_id = ?",
                ts(event.deliveredAt()), event.memberId(), event.offerId());
    }

    @EventHandler
    void on(OfferViewed event) {
        jdbc.update("UPDATE member_offer SET viewed_at = coalesce(viewed_at, ?) WHERE member_id = ? AND offer_id = ?",
                ts(event.viewedAt()), event.memberId(), event.offerId());
    }

    @EventHandler
    void on(OfferActivated event) {
        jdbc.update("UPDATE member_offer SET status = 'ACTIVATED', activated_at = ? WHERE member_id = ? AND offer_id = ?",
                ts(event.activatedAt()), event.memberId(), event.offerId());
    }

    @EventHandler
    void on(OfferRedeemed event) {
        jdbc.update("""
                UPDATE member_offer SET status = CASE WHEN terms->>'type' = 'POINTS_MULTIPLIER' THEN status ELSE 'REDEEMED' END,
                                        redeemed_points = redeemed_points + ?, redemptions = redemptions + 1
                 WHERE member_id = ? AND offer_id = ?""", event.points(), event.memberId(), event.offerId());
    }

    @EventHandler
    void on(OfferExpired event) {
        jdbc.update("""
                UPDATE member_offer SET status = CASE WHEN redemptions > 0 THEN 'REDEEMED' ELSE 'EXPIRED' END, ended_at = ?
                 WHERE member_id = ? AND offer_id = ?""", ts(event.expiredAt()), event.memberId(), event.offerId());
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE campaign, member_offer, campaign_assignment, member_profile");
    }

    private void assign(String campaignId, String memberId, String offerId, String group, Instant at) {
        jdbc.update("""
                INSERT INTO campaign_assignment (campaign_id, member_id, offer_id, grp, assigned_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", campaignId, memberId, offerId, group, ts(at));
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static CampaignDefinition definition(ObjectMapper json, String text) {
        try {
            return json.readValue(text, CampaignDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign definition " + text, e);
        }
    }
}
