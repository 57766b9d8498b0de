package org.loyalty.query.campaign;

import static org.loyalty.query.Rows.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.loyalty.api.campaign.CampaignResults;
import org.loyalty.api.campaign.CampaignStatus;
import org.loyalty.api.campaign.CampaignView;
import org.loyalty.api.offer.MemberOfferView;
import org.loyalty.api.offer.OfferTerms;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** Non-blocking reads of campaigns, a member's offers, and a campaign's results. */
public class CampaignReader {

    /** z for a two-sided 95% interval. */
    private static final double Z95 = 1.959964;

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final Clock clock;

    public CampaignReader(DatabaseClient db, ObjectMapper json, ZoneId zone, Clock clock) {
        this.db = db;
        this.json = json;
        this.zone = zone;
        this.clock = clock;
    }

    public Mono<List<CampaignView>> campaigns() {
        return db.sql("SELECT campaign_id, name, status, draft::text AS draft, running::text AS running, launched_at, ended_at, updated_at"
                        + " FROM campaign ORDER BY updated_at DESC, campaign_id")
                .map(this::campaign).all().collectList();
    }

    public Mono<CampaignView> campaign(String campaignId) {
        return db.sql("SELECT campaign_id, name, status, draft::text AS draft, running::text AS running, launched_at, ended_at, updated_at"
                        + " FROM campaign WHERE campaign_id = :id")
                .bind("id", campaignId).map(this::campaign).one();
    }

    /** The member's offers, newest first. */
    public Mono<List<MemberOfferView>> offers(String memberId) {
        return db.sql("""
                        SELECT offer_id, campaign_id, campaign_name, terms::text AS terms, status, issued_at, expires_at, viewed_at,
                               activated_at, redeemed_points
                          FROM member_offer WHERE member_id = :id ORDER BY issued_at DESC, offer_id""")
                .bind("id", memberId)
                .map(r -> new MemberOfferView(r.get("offer_id", String.class), r.get("campaign_id", String.class),
                        r.get("campaign_name", String.class), read(r.get("terms", String.class), OfferTerms.class), r.get("status", String.class),
                        instant(r, "issued_at"), instant(r, "expires_at"), instant(r, "viewed_at"), instant(r, "activated_at"),
                        r.get("redeemed_points", Long.class)))
                .all().collectList();
    }

    /** Empty when the campaign is unknown. */
    public Mono<CampaignResults> results(String campaignId) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        Mono<Map<String, Object>> offers = db.sql("""
                        SELECT c.name, c.status, count(o.offer_id) AS issued, count(o.offer_id) FILTER (WHERE o.redemptions > 0) AS redeemed,
                               coalesce(sum(o.redeemed_points), 0) AS points
                          FROM campaign c LEFT JOIN member_offer o ON o.campaign_id = c.campaign_id
                         WHERE c.campaign_id = :id GROUP BY c.name, c.status""")
                .bind("id", campaignId)
                .map(r -> Map.<String, Object>of("name", r.get("name", String.class), "status", r.get("status", String.class),
                        "issued", r.get("issued", Long.class), "redeemed", r.get("redeemed", Long.class), "points", number(r, "points")))
                .one();
        // Per member of each group: purchase days and spend from the day they were picked up to today.
        Mono<Map<String, GroupStats>> groups = db.sql("""
                        WITH picked AS (SELECT member_id, grp, min(assigned_at) AS assigned_at FROM campaign_assignment
                                         WHERE campaign_id = :id GROUP BY member_id, grp),
                             outcome AS (SELECT p.grp, p.member_id, count(d.day) AS purchases, coalesce(sum(d.spend), 0) AS spend
                                           FROM picked p LEFT JOIN member_purchase_day d
                                             ON d.member_id = p.member_id AND d.day >= (p.assigned_at AT TIME ZONE :zone)::date AND d.day <= :today
                                          GROUP BY p.grp, p.member_id)
                        SELECT grp, count(*) AS n, avg(purchases)::float8 AS purchases, var_samp(purchases)::float8 AS purchases_var,
                               avg(spend)::float8 AS spend, var_samp(spend)::float8 AS spend_var
                          FROM outcome GROUP BY grp""")
                .bind("id", campaignId).bind("zone", zone.getId()).bind("today", today)
                .map(r -> new GroupStats(r.get("grp", String.class), r.get("n", Long.class), r.get("purchases", Double.class),
                        r.get("purchases_var", Double.class), r.get("spend", Double.class), r.get("spend_var", Double.class)))
                .all()
                .collectMap(GroupStats::group);
        return offers.zipWith(groups).map(t -> {
            Map<String, Object> o = t.getT1();
            GroupStats treated = t.getT2().getOrDefault("TREATMENT", GroupStats.empty("TREATMENT"));
            GroupStats held = t.getT2().getOrDefault("HOLDOUT", GroupStats.empty("HOLDOUT"));
            long issued = (Long) o.get("issued");
            long redeemed = (Long) o.get("redeemed");
            CampaignResults.Comparison purchases = compare(treated.n(), treated.purchases(), treated.purchasesVar(), held.n(),
                    held.purchases(), held.purchasesVar());
            CampaignResults.Comparison spend = compare(treated.n(), treated.spend(), treated.spendVar(), held.n(), held.spend(), held.spendVar());
            return new CampaignResults(campaignId, (String) o.get("name"), CampaignStatus.valueOf((String) o.get("status")), issued, redeemed,
                    issued == 0 ? null : round(100.0 * redeemed / issued), ((Number) o.get("points")).longValue(), treated.n(), held.n(),
                    purchases, spend,
                    purchases.difference() == null ? null : round(purchases.difference() * treated.n()),
                    spend.difference() == null ? null
                            : BigDecimal.valueOf(spend.difference() * treated.n()).setScale(2, RoundingMode.HALF_EVEN));
        });
    }

    private record GroupStats(String group, long n, Double purchases, Double purchasesVar, Double spend, Double spendVar) {
        static GroupStats empty(String group) {
            return new GroupStats(group, 0, null, null, null, null);
        }
    }

    /** Difference of means with Welch's standard error; no interval while a group has fewer than two members. */
    static CampaignResults.Comparison compare(long n1, Double mean1, Double var1, long n2, Double mean2, Double var2) {
        if (n1 == 0 || n2 == 0) {
            return new CampaignResults.Comparison(round(mean1), round(mean2), null, null, null);
        }
        double difference = mean1 - mean2;
        if (var1 == null || var2 == null) {
            return new CampaignResults.Comparison(round(mean1), round(mean2), round(difference), null, null);
        }
        double se = Math.sqrt(var1 / n1 + var2 / n2);
        return new CampaignResults.Comparison(round(mean1), round(mean2), round(difference), round(difference - Z95 * se),
                round(difference + Z95 * se));
    }

    private CampaignView campaign(Readable r) {
        String running = r.get("running", String.class);
        return new CampaignView(r.get("campaign_id", String.class), r.get("name", String.class),
                CampaignStatus.valueOf(r.get("status", String.class)), CampaignProjection.definition(json, r.get("draft", String.class)),
                running == null ? null : CampaignProjection.definition(json, running), instant(r, "launched_at"), instant(r, "ended_at"),
                instant(r, "updated_at"));
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName() + " " + text, e);
        }
    }

    private static Number number(Readable r, String column) {
        Object value = r.get(column);
        return value == null ? 0 : (Number) value;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 10_000) / 10_000.0;
    }

}
