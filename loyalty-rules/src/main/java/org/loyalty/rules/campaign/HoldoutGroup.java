package org.loyalty.rules.campaign;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who is held out of a campaign: a hash of campaign and member, so the assignment is the same on every
 * node and every run, independent of the order members are evaluated in, and uncorrelated between
 * campaigns (a member held out of one campaign is not held out of all).
 */
public final class HoldoutGroup {

    private HoldoutGroup() {
    }

    /** @param percent 0 to 100 */
    public static boolean isHeldOut(String campaignId, String memberId, int percent) {
        return bucket(campaignId, memberId) < percent * 100;
    }

    /** 0 to 9,999, uniform. */
    static int bucket(String campaignId, String memberId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((campaignId + "\u0000" + memberId).getBytes(StandardCharsets.UTF_8));
            return (int) Math.floorMod(ByteBuffer.wrap(digest).getLong(), 10_000L);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
