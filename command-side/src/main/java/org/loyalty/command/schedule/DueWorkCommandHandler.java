package org.loyalty.command.schedule;

import org.axonframework.commandhandling.CommandHandler;
import org.loyalty.api.member.ProcessDueWork;
import org.loyalty.command.account.Accounts;

/** Lets an account do what time has made due; doing it twice finds nothing left to do. */
public final class DueWorkCommandHandler {

    private final Accounts accounts;

    public DueWorkCommandHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @CommandHandler
    public void handle(ProcessDueWork command) {
        accounts.update(command.memberId(), (account, now) -> {
            account.processDueWork(accounts.program(), now);
            return null;
        });
    }
}
