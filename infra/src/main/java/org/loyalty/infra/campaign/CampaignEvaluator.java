package org.loyalty.infra.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.loyalty.api.campaign.CampaignDefinition;
import org.loyalty.api.offer.OfferCommands.IssueOffer;
import org.loyalty.api.offer.OfferCommands.IssueOutcome;
import org.loyalty.rules.campaign.AudienceConditions;
import org.loyalty.rules.campaign.HoldoutGroup;
import org.loyalty.rules.campaign.facts.MemberInsight;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs the live campaigns' audiences and issues their offers. Idempotent by construction: an offer's id
 * is the campaign and the period (days since launch / frequency cap), and the member's account keeps
 * every period it was given, so evaluating again in the same period issues nothing; the holdout is a
 * hash of campaign and member, so it is the same on every run and node.
 */
class CampaignEvaluator {

    private static final Logger log = LoggerFactory.getLogger(CampaignEvaluator.class);

    /** One live campaign, with its audience compiled once per launch. */
    record LiveCampaign(String campaignId, CampaignDefinition definition, Instant launchedAt, AudienceConditions.Audience audience,
                        long pointsPaid) {
    }

    /** What an evaluation did, for the logs and the operator's endpoint. */
    record Summary(int campaigns, int members, int issued, int heldOut) {
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AudienceConditions audiences;
    private final AudienceFacts facts;
    private final CommandGateway commands;
    private final Clock clock;
    private final Map<String, AudienceConditions.Audience> compiled = new ConcurrentHashMap<>();

    CampaignEvaluator(JdbcTemplate jdbc, ObjectMapper json, AudienceConditions audiences, AudienceFacts facts, CommandGateway commands,
                      Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audiences = audiences;
        this.facts = facts;
        this.commands = commands;
        this.clock = clock;
    }

    /** Every live campaign over every member. */
    Summary evaluateEveryone() {
        Instant now = clock.instant();
        List<LiveCampaign> live = live(now);
        if (live.isEmpty()) {
            return new Summary(0, 0, 0, 0);
        }
        List<MemberInsight> members = facts.everyone(now);
        int[] counts = new int[2];
        for (LiveCampaign campaign : live) {
            for (MemberInsight member : members) {
                offer(campaign, member, now, counts);
            }
        }
        return new Summary(live.size(), members.size(), counts[0], counts[1]);
    }

    /** A member noted after an event about them, and the kind of event. */
    record Noted(String memberId, CampaignDefinition.Trigger trigger) {
    }

    /**
     * The live campaigns over each noted member, those with the member's trigger. The live campaigns are read once for
     * all of them: the trigger queue notes a member after every purchase, and with no campaign live that read was all
     * the work, one statement and transaction per purchase (bench/NOTES.md item 27).
     */
    void evaluate(List<Noted> noted) {
        Instant now = clock.instant();
        List<LiveCampaign> live = live(now);
        if (live.isEmpty()) {
            return;
        }
        int[] counts = new int[2];
        for (Noted one : noted) {
            List<LiveCampaign> triggered = live.stream().filter(c -> c.definition().triggers().contains(one.trigger())).toList();
            if (triggered.isEmpty()) {
                continue;
            }
            List<MemberInsight> member = facts.of(one.memberId(), now);
            for (LiveCampaign campaign : triggered) {
                member.forEach(m -> offer(campaign, m, now, counts));
            }
        }
    }

    private void offer(LiveCampaign campaign, MemberInsight member, Instant now, int[] counts) {
        if (!campaign.audience().includes(member, timestamp(now))) {
            return;
        }
        CampaignDefinition d = campaign.definition();
        long period = Duration.between(campaign.launchedAt(), now).toDays() / d.frequencyCapDays();
        String offerId = campaign.campaignId() + ":" + period;
        boolean holdout = HoldoutGroup.isHeldOut(campaign.campaignId(), member.getId(), d.holdoutPercent());
        try {
            IssueOutcome outcome = commands.sendAndWait(new IssueOffer(member.getId(), offerId, campaign.campaignId(), d.name(), d.offer(),
                    now.plus(Duration.ofDays(d.offerValidDays())), d.frequencyCapDays(), holdout, d.budgetPoints()));
            if ("ISSUED".equals(outcome.result())) {
                counts[0]++;
            } else if ("HOLDOUT".equals(outcome.result())) {
                counts[1]++;
            }
        } catch (RuntimeException e) {
            // One member's failure (a concurrent purchase lost a race twice, say) must not stop the campaign for the rest;
            // the next evaluation picks the member up again, and the offer id keeps it from being given twice.
            log.warn("Could not give campaign {} offer {} to member {}: {}", campaign.campaignId(), offerId, member.getId(), e.toString());
        }
    }

    /** Live, inside their validity, and under budget (points its offers paid so far). */
    private List<LiveCampaign> live(Instant now) {
        return jdbc.query("""
                        SELECT c.campaign_id, c.running::text AS running, c.launched_at,
                               (SELECT coalesce(sum(o.redeemed_points), 0) FROM member_offer o WHERE o.campaign_id = c.campaign_id) AS paid
                          FROM campaign c WHERE c.status = 'LIVE' AND c.running IS NOT NULL ORDER BY c.campaign_id""",
                        (row, n) -> {
                            CampaignDefinition d = definition(row.getString("running"));
                            String id = row.getString("campaign_id");
                            Instant launched = row.getTimestamp("launched_at").toInstant();
                            AudienceConditions.Audience audience = compiled.computeIfAbsent(id + "@" + launched + "#" + d.audience(),
                                    key -> audiences.compile("audience", d.audience()));
                            return new LiveCampaign(id, d, launched, audience, row.getLong("paid"));
                        })
                .stream()
                .filter(c -> (c.definition().validFrom() == null || !now.isBefore(c.definition().validFrom()))
                        && (c.definition().validTo() == null || now.isBefore(c.definition().validTo()))
                        && (c.definition().budgetPoints() == null || c.pointsPaid() < c.definition().budgetPoints()))
                .toList();
    }

    private CampaignDefinition definition(String text) {
        try {
            return json.readValue(text, CampaignDefinition.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("unreadable campaign definition " + text, e);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
