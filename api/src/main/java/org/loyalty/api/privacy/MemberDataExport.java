package org.loyalty.api.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.loyalty.api.account.LedgerEntry;
import org.loyalty.api.account.MemberBalance;
import org.loyalty.api.account.MemberRewards;
import org.loyalty.api.analytics.MemberInsights;
import org.loyalty.api.interaction.TimelineEntry;
import org.loyalty.api.offer.MemberOfferView;

/**
 * Everything the platform holds about a member (the right of access and to portability): the profile
 * as enrolled (null fields once erased), consents now and their history, the balance and tier, the
 * whole ledger, rewards and redemptions, offers, the timeline (purchases, point movements, interactions
 * with their texts) and the retention figures (null while no model is fitted).
 */
public record MemberDataExport(
        String memberId,
        Instant exportedAt,
        Instant erasedAt,
        Profile profile,
        Map<String, Boolean> consents,
        List<ConsentRecord> consentHistory,
        MemberBalance balance,
        List<LedgerEntry> ledger,
        MemberRewards rewards,
        List<MemberOfferView> offers,
        List<TimelineEntry> timeline,
        MemberInsights insights) {

    public record Profile(String name, String email, String phone, LocalDate birthday, boolean marketingConsentAtEnrollment,
                          Instant enrolledAt, String referredBy) {
    }

    public record ConsentRecord(String purpose, boolean granted, String source, Instant changedAt) {
    }
}
