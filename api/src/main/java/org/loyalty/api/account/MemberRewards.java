package org.loyalty.api.account;

import java.util.List;

/** What a member received for free and what it bought with points, newest first. */
public record MemberRewards(String memberId, List<IssuedReward> issued, List<RedemptionView> redemptions) {

    public MemberRewards {
        issued = List.copyOf(issued);
        redemptions = List.copyOf(redemptions);
    }
}
