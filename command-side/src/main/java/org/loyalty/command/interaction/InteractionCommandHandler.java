package org.loyalty.command.interaction;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Predicate;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.loyalty.api.error.ConflictException;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.interaction.InteractionReceipt;
import org.loyalty.api.interaction.RecordInteraction;
import org.loyalty.command.NewAggregates;
import org.loyalty.rules.interaction.InteractionValidator;

/**
 * Records interactions on the member's {@link MemberInteractions} stream. The interaction id is
 * claimed before the stream is loaded, as a purchase's transaction id is: a concurrent duplicate
 * waits on the claim until the first post commits, then finds its receipt on the stream.
 *
 * <p>The member is looked up on the account only for a member's first interaction (once the stream
 * exists the member does too), so interactions do not load, or lock, the points account.
 */
public final class InteractionCommandHandler {

    private final Repository<MemberInteractions> interactions;
    private final Predicate<String> memberExists;
    private final InteractionClaims claims;
    private final InteractionValidator validator;
    private final Clock clock;

    /** {@code memberExists} must see members enrolled a moment ago: the write side's {@code Accounts::exists}. */
    public InteractionCommandHandler(Repository<MemberInteractions> interactions, Predicate<String> memberExists,
                                     InteractionClaims claims, InteractionValidator validator, Clock clock) {
        this.interactions = interactions;
        this.memberExists = memberExists;
        this.claims = claims;
        this.validator = validator;
        this.clock = clock;
    }

    @CommandHandler
    public InteractionReceipt handle(RecordInteraction command) {
        InvalidRequestException.throwIfAny(validator.violations(command));
        String owner = claims.claim(command.interactionId(), command.memberId());
        if (!owner.equals(command.memberId())) {
            throw new ConflictException("interactionId", "interaction " + command.interactionId() + " was recorded for another member");
        }
        Instant now = clock.instant();
        try {
            return interactions.load(MemberInteractions.streamOf(command.memberId())).invoke(stream -> stream.record(command, now));
        } catch (AggregateNotFoundException e) {
            if (!memberExists.test(command.memberId())) {
                throw new UnknownMemberException(command.memberId());
            }
            return NewAggregates.create(interactions, () -> new MemberInteractions(command, now),
                    "the interactions of member " + command.memberId()).invoke(stream -> stream.receiptFor(command.interactionId()));
        }
    }
}
