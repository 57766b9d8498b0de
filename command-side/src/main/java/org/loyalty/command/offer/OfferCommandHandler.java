package org.loyalty.command.offer;

import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.offer.OfferCommands.ActivateOffer;
import org.loyalty.api.offer.OfferCommands.IssueOffer;
import org.loyalty.api.offer.OfferCommands.IssueOutcome;
import org.loyalty.api.offer.OfferCommands.RecordOfferDelivery;
import org.loyalty.api.offer.OfferCommands.ViewOffer;
import org.loyalty.command.account.Accounts;

/**
 * Offers live on the member's account: the earning step applies them to purchases in the same
 * transaction that records the points, and the account remembers which campaign periods it was given.
 */
public final class OfferCommandHandler {

    private final Accounts accounts;

    public OfferCommandHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @CommandHandler
    public IssueOutcome handle(IssueOffer command) {
        return accounts.update(command.memberId(), (account, now) -> account.issueOffer(command, now));
    }

    @CommandHandler
    public String handle(ActivateOffer command) {
        accounts.update(command.memberId(), (account, now) -> {
            account.activateOffer(command.offerId(), now);
            return null;
        });
        return command.offerId();
    }

    @CommandHandler
    public String handle(RecordOfferDelivery command) {
        accounts.update(command.memberId(), (account, now) -> {
            account.recordOfferDelivery(command.offerId(), command.channel(), now);
            return null;
        });
        return command.offerId();
    }

    @CommandHandler
    public String handle(ViewOffer command) {
        accounts.update(command.memberId(), (account, now) -> {
            account.viewOffer(command.offerId(), now);
            return null;
        });
        return command.offerId();
    }
}
