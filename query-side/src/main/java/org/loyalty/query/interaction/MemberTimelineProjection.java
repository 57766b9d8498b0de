package org.loyalty.query.interaction;

import static org.loyalty.query.interaction.TimelineJson.detail;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.loyalty.api.interaction.AppVisited;
import org.loyalty.api.interaction.ComplaintRaised;
import org.loyalty.api.interaction.InteractionChannel;
import org.loyalty.api.interaction.ReviewPosted;
import org.loyalty.api.interaction.SupportRequestOpened;
import org.loyalty.api.interaction.SupportRequestResolved;
import org.loyalty.api.interaction.SurveyAnswered;
import org.loyalty.api.interaction.TicketKind;
import org.loyalty.api.member.MemberEnrolled;
import org.loyalty.api.points.PointsAdjusted;
import org.loyalty.api.points.PointsExpired;
import org.loyalty.api.points.PointsRedeemed;
import org.loyalty.api.points.RedemptionCancelled;
import org.loyalty.api.purchase.PointsEarned;
import org.loyalty.api.purchase.PurchaseRecorded;
import org.loyalty.api.referral.ReferralBonusEarned;
import org.loyalty.api.privacy.ConsentChanged;
import org.loyalty.api.privacy.PersonalDataErased;
import org.loyalty.api.returns.PurchaseReturned;
import org.loyalty.api.reward.RewardIssued;
import org.loyalty.api.tier.TierChanged;
import org.loyalty.api.tier.TierRenewed;
import org.loyalty.query.UnitOfWorkBuffer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A member's timeline: one row per member-facing event, from the points account (enrollment,
 * purchases, point movements, returns, tiers, rewards) and from the interaction stream, with when it
 * happened, its kind, a sentence and its fields as JSON.
 *
 * <p>Left out as bookkeeping: {@code ExpiryDateChanged} (follows every purchase under an inactivity
 * policy; the balance shows the date) and {@code ReferralRewarded} (the referee's note that the
 * referrer is owed; the referrer's timeline shows the {@code REFERRAL_BONUS} itself).
 *
 * <p>Rows are keyed by the event's global position in the event store, which a replay delivers
 * again unchanged, so a redelivered event writes nothing. The position also breaks ties between
 * events that happened at the same instant (a purchase and its points), in the order they were stored.
 *
 * <p>The rows of one processor batch are written together when its transaction commits ({@link UnitOfWorkBuffer}).
 */
@ProcessingGroup(MemberTimelineProjection.PROCESSING_GROUP)
public class MemberTimelineProjection {

    /** Timeline and service tables: one processor of their own, so that neither slows the balances. */
    public static final String PROCESSING_GROUP = "interactions";

    static final int SUMMARY_TEXT = 80;

    private final JdbcTemplate jdbc;
    /** The batch's rows, written set-based when the processor's unit of work prepares to commit. */
    private final UnitOfWorkBuffer<TimelineWrites> writes;

    public MemberTimelineProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.writes = new UnitOfWorkBuffer<>(TimelineWrites::new, batch -> batch.flush(jdbc));
    }

    // ---- the account ----

    @EventHandler
    void on(MemberEnrolled event, TrackingToken token) {
        String tier = event.tier() == null ? "the entry tier" : event.tier();
        row(event.memberId(), token, event.enrolledAt(), "ENROLLED",
                "Joined the program in " + tier + (event.referredBy() == null ? "" : ", referred by member " + event.referredBy()),
                detail("tier", event.tier(), "referredBy", event.referredBy()));
    }

    @EventHandler
    void on(PurchaseRecorded event, TrackingToken token) {
        int units = event.items().stream().mapToInt(i -> i.quantity()).sum();
        BigDecimal total = money(event.netTotal(), event.currency());
        row(event.memberId(), token, event.occurredAt(), "PURCHASE",
                "Bought " + units + (units == 1 ? " item" : " items") + " for " + total.toPlainString() + " " + event.currency()
                        + " at " + event.storeId(),
                detail("transactionId", event.transactionId(), "storeId", event.storeId(), "currency", event.currency(),
                        "netTotal", total, "itemCount", units, "paymentMethod", event.paymentMethod().name()));
    }

    @EventHandler
    void on(PointsEarned event, TrackingToken token) {
        row(event.memberId(), token, event.earnedAt(), "POINTS_EARNED",
                "Earned " + points(event.points()) + " on purchase " + event.transactionId(),
                detail("transactionId", event.transactionId(), "points", event.points(), "balanceAfter", event.balanceAfter(),
                        "tier", event.tier(), "rules", event.applied().stream()
                                .map(r -> detail("ruleId", r.ruleId(), "version", r.version(), "points", r.points(),
                                        "explanation", r.explanation()))
                                .toList()));
    }

    @EventHandler
    void on(ReferralBonusEarned event, TrackingToken token) {
        row(event.memberId(), token, event.earnedAt(), "REFERRAL_BONUS",
                "Earned " + points(event.points()) + " because member " + event.refereeId() + ", whom they referred, made a first purchase",
                detail("refereeId", event.refereeId(), "ruleId", event.ruleId(), "version", event.version(), "points", event.points(),
                        "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(PurchaseReturned event, TrackingToken token) {
        long taken = event.pointsTaken() - event.alreadyExpired();
        int units = event.items().stream().mapToInt(i -> i.quantity()).sum();
        row(event.memberId(), token, event.returnedAt(), "RETURN",
                "Returned " + units + (units == 1 ? " item" : " items") + " of purchase " + event.originalTransactionId() + "; "
                        + points(taken) + " taken back",
                detail("returnId", event.returnId(), "originalTransactionId", event.originalTransactionId(),
                        "items", event.items().stream().map(i -> detail("sku", i.sku(), "quantity", i.quantity(), "points", i.points())).toList(),
                        "pointsTaken", taken, "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(PointsRedeemed event, TrackingToken token) {
        row(event.memberId(), token, event.redeemedAt(), "POINTS_REDEEMED",
                "Redeemed " + points(event.points()) + " for reward " + event.rewardId(),
                detail("redemptionId", event.redemptionId(), "rewardId", event.rewardId(), "points", event.points(),
                        "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(RedemptionCancelled event, TrackingToken token) {
        row(event.memberId(), token, event.cancelledAt(), "REDEMPTION_CANCELLED",
                "Redemption " + event.redemptionId() + " cancelled; " + points(event.points()) + " given back",
                detail("redemptionId", event.redemptionId(), "points", event.points(), "reason", event.reason(),
                        "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(PointsAdjusted event, TrackingToken token) {
        row(event.memberId(), token, event.adjustedAt(), "POINTS_ADJUSTED",
                (event.points() > 0 ? "Given " + points(event.points()) : "Charged " + points(-event.points())) + " by staff: "
                        + shortened(event.reason()),
                detail("adjustmentId", event.adjustmentId(), "staffId", event.staffId(), "points", event.points(),
                        "reason", event.reason(), "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(PointsExpired event, TrackingToken token) {
        row(event.memberId(), token, event.expiredAt(), "POINTS_EXPIRED",
                points(event.points()) + " expired (" + event.reason() + ")",
                detail("points", event.points(), "reason", event.reason(), "balanceAfter", event.balanceAfter()));
    }

    @EventHandler
    void on(TierChanged event, TrackingToken token) {
        row(event.memberId(), token, event.changedAt(), "TIER_CHANGED",
                "Moved from " + event.fromTier() + " to " + event.toTier() + " (" + event.reason() + ")",
                detail("fromTier", event.fromTier(), "toTier", event.toTier(), "reason", event.reason(),
                        "qualifyingPoints", event.qualifyingPoints(), "validUntil", event.validUntil()));
    }

    @EventHandler
    void on(TierRenewed event, TrackingToken token) {
        row(event.memberId(), token, event.renewedAt(), "TIER_RENEWED",
                event.tier() + " status renewed until " + event.validUntil(),
                detail("tier", event.tier(), "qualifyingPoints", event.qualifyingPoints(), "validUntil", event.validUntil()));
    }

    @EventHandler
    void on(RewardIssued event, TrackingToken token) {
        row(event.memberId(), token, event.issuedAt(), "REWARD_ISSUED",
                "Received reward " + event.rewardId() + " (" + event.reason() + "), valid until " + event.validUntil(),
                detail("issueId", event.issueId(), "rewardId", event.rewardId(), "reason", event.reason(),
                        "validFrom", event.validFrom(), "validUntil", event.validUntil()));
    }

    // ---- privacy ----

    @EventHandler
    void on(ConsentChanged event, TrackingToken token) {
        row(event.memberId(), token, event.changedAt(), "CONSENT_CHANGED",
                (event.granted() ? "Gave consent to " : "Withdrew consent to ") + event.purpose().field()
                        + (event.source() == null ? "" : " (" + shortened(event.source()) + ")"),
                detail("purpose", event.purpose().field(), "granted", event.granted(), "source", event.source()));
    }

    /** The member's free texts leave the rows written before (see {@link TimelineWrites}); later events read them as null. */
    @EventHandler
    void on(PersonalDataErased event, TrackingToken token) {
        writes.note(batch -> batch.erase(event.memberId()));
        row(event.memberId(), token, event.erasedAt(), "PERSONAL_DATA_ERASED",
                "Personal data erased: name, contact details, birthday and written texts", detail());
    }

    // ---- interactions ----

    @EventHandler
    void on(SupportRequestOpened event, TrackingToken token) {
        row(event.memberId(), token, event.occurredAt(), "SUPPORT_REQUEST_OPENED",
                "Asked for help " + phrase(event.channel()) + colonThen(event.topic()),
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "ticketId", event.interactionId(),
                        "topic", event.topic(), "description", event.description()));
    }

    @EventHandler
    void on(SupportRequestResolved event, TrackingToken token) {
        String ticket = event.ticketKind() == TicketKind.COMPLAINT ? "Complaint " : "Support request ";
        row(event.memberId(), token, event.occurredAt(), "SUPPORT_REQUEST_RESOLVED",
                ticket + event.ticketId() + " resolved " + phrase(event.channel())
                        + (event.solvedAtFirstContact() ? " at first contact" : "") + colonThen(event.resolution()),
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "ticketId", event.ticketId(),
                        "ticketKind", event.ticketKind() == null ? null : event.ticketKind().name(), "resolution", event.resolution(),
                        "solvedAtFirstContact", event.solvedAtFirstContact()));
    }

    @EventHandler
    void on(ComplaintRaised event, TrackingToken token) {
        row(event.memberId(), token, event.occurredAt(), "COMPLAINT",
                "Complained " + phrase(event.channel()) + " about " + shortened(event.category()),
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "ticketId", event.interactionId(),
                        "category", event.category(), "description", event.description()));
    }

    @EventHandler
    void on(SurveyAnswered event, TrackingToken token) {
        int max = switch (event.kind()) {
            case NPS -> 10;
            case CSAT -> 5;
            case CES -> 7;
        };
        row(event.memberId(), token, event.occurredAt(), "SURVEY_ANSWER",
                "Answered a " + event.kind() + " survey " + phrase(event.channel()) + ": " + event.score() + " of " + max,
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "surveyKind", event.kind().name(),
                        "score", event.score(), "surveyId", event.surveyId(), "comment", event.comment()));
    }

    @EventHandler
    void on(AppVisited event, TrackingToken token) {
        row(event.memberId(), token, event.occurredAt(), "APP_VISIT",
                "Visited the app" + (event.screen() == null ? "" : " (" + shortened(event.screen()) + ")"),
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "screen", event.screen(),
                        "durationSeconds", event.durationSeconds()));
    }

    @EventHandler
    void on(ReviewPosted event, TrackingToken token) {
        row(event.memberId(), token, event.occurredAt(), "REVIEW",
                "Posted a " + event.rating() + "-star review " + phrase(event.channel()),
                detail("interactionId", event.interactionId(), "channel", event.channel().name(), "rating", event.rating(),
                        "text", event.text()));
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE member_timeline");
    }

    private void row(String memberId, TrackingToken token, Instant occurredAt, String kind, String summary, Map<String, Object> detail) {
        long position = position(token);
        String json = TimelineJson.write(detail);
        writes.note(batch -> batch.add(new TimelineWrites.Row(memberId, position, occurredAt, kind, summary, json)));
    }

    /** The event's global index in the event store (the handler sees the token unwrapped from any replay). */
    static long position(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            throw new IllegalStateException("the timeline needs the event's position in the event store; token: " + token);
        }
        return token.position().getAsLong();
    }

    private static String points(long points) {
        return points + (points == 1 || points == -1 ? " point" : " points");
    }

    private static BigDecimal money(BigDecimal amount, String currency) {
        try {
            return amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
        } catch (IllegalArgumentException e) {
            return amount.stripTrailingZeros();
        }
    }

    /** ": text" shortened, or nothing when there is no text (none given, or erased). */
    private static String colonThen(String text) {
        return text == null || text.isBlank() ? "" : ": " + shortened(text);
    }

    static String shortened(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SUMMARY_TEXT ? oneLine : oneLine.substring(0, SUMMARY_TEXT - 1) + "…";
    }

    static String phrase(InteractionChannel channel) {
        return switch (channel) {
            case IN_STORE -> "in store";
            case PHONE -> "by phone";
            case EMAIL -> "by email";
            case SMS -> "by SMS";
            case CHAT -> "in chat";
            case SOCIAL -> "on social media";
            case FORUM -> "on the forum";
            case APP -> "in the app";
        };
    }
}
