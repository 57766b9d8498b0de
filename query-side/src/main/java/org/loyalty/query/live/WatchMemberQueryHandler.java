package org.loyalty.query.live;

import java.util.concurrent.CompletableFuture;
import org.axonframework.queryhandling.QueryHandler;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.account.WatchMember;
import org.loyalty.query.account.AccountReader;

/**
 * Answers a {@link WatchMember} subscription's initial query: the member's balance and tier from the read
 * model, brought up to date with what the live processor saw since (see {@link RecentMemberUpdates}).
 * Non-blocking: the read is R2DBC, and the handler answers with its future, so a subscription opened on a
 * web thread never waits on it. Null (no answer) for a member the read model does not know.
 */
public class WatchMemberQueryHandler {

    private final AccountReader reader;
    private final RecentMemberUpdates recent;

    public WatchMemberQueryHandler(AccountReader reader, RecentMemberUpdates recent) {
        this.reader = reader;
        this.recent = recent;
    }

    @QueryHandler
    CompletableFuture<MemberUpdate> handle(WatchMember query) {
        return reader.current(query.memberId()).map(recent::newest).toFuture();
    }
}
