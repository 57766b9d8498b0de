package org.loyalty.infra.account;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.account.LedgerPage;
import org.loyalty.api.account.MemberBalance;
import org.loyalty.api.account.MemberRewards;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.api.error.Violation;
import org.loyalty.query.account.AccountReader;
import org.loyalty.query.account.BalanceCache;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A member's points as the read model has them: balance and the ledger of movements. */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
@Tag(name = "Accounts")
class AccountController {

    static final int MAX_PAGE = 100;

    private final AccountReader reader;
    private final BalanceCache balances;

    AccountController(AccountReader reader, BalanceCache balances) {
        this.reader = reader;
        this.balances = balances;
    }

    @Operation(summary = "Points balance and tier")
    @GetMapping("/balance")
    Mono<MemberBalance> balance(@PathVariable String memberId) {
        return balances.balance(memberId).switchIfEmpty(Mono.error(() -> new UnknownMemberException(memberId)));
    }

    /** Free rewards received (birthday, ...) and redemptions, newest first. */
    @Operation(summary = "The member's rewards: free rewards and redemptions")
    @GetMapping("/rewards")
    Mono<MemberRewards> rewards(@PathVariable String memberId) {
        return known(memberId).then(reader.rewards(memberId));
    }

    /** Newest first; pass the page's {@code nextCursor} as {@code before} for the next page. */
    @Operation(summary = "Points ledger, newest first (cursor paging with ?before=)")
    @GetMapping("/ledger")
    Mono<LedgerPage> ledger(@PathVariable String memberId,
                            @RequestParam(defaultValue = "20") int limit,
                            @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > MAX_PAGE) {
            return Mono.error(new InvalidRequestException(List.of(new Violation("limit", "must be between 1 and " + MAX_PAGE))));
        }
        return known(memberId).then(reader.ledger(memberId, before, limit));
    }

    private Mono<Void> known(String memberId) {
        return reader.exists(memberId)
                .flatMap(exists -> exists ? Mono.<Void>empty() : Mono.error(new UnknownMemberException(memberId)));
    }
}
