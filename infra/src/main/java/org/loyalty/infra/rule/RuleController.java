package org.loyalty.infra.rule;

import java.net.URI;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.purchase.RecordPurchase;
import org.loyalty.api.rule.DraftRule;
import org.loyalty.api.rule.PauseRule;
import org.loyalty.api.rule.PublishRule;
import org.loyalty.api.rule.RetireRule;
import org.loyalty.api.rule.ReviseRule;
import org.loyalty.api.rule.RuleState;
import org.loyalty.command.rule.RuleCommandHandler;
import org.loyalty.infra.program.ProgramProperties;
import org.loyalty.infra.web.Commands;
import org.loyalty.query.rule.RuleReader;
import org.loyalty.query.rule.RuleView;
import org.loyalty.rules.purchase.PurchaseValidator;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Marketers' earning rules: draft ({@code POST /api/v1/rules}), change the draft ({@code PUT}),
 * publish a new version, pause, retire, and read them back.
 */
@RestController
@RequestMapping("/api/v1/rules")
@Tag(name = "Earning rules")
class RuleController {

    private final Commands commands;
    private final RuleReader reader;
    static final int MAX_BACKTEST_DAYS = 366;

    private final RuleSimulator simulator;
    private final PurchaseValidator purchases;
    private final RuleBacktest backtest;
    private final ProgramProperties program;

    RuleController(Commands commands, RuleReader reader, RuleSimulator simulator, PurchaseValidator purchases, RuleBacktest backtest,
                   ProgramProperties program) {
        this.commands = commands;
        this.reader = reader;
        this.simulator = simulator;
        this.purchases = purchases;
        this.backtest = backtest;
        this.program = program;
    }

    /**
     * Tries a draft rule (optional) with the live rules on a sample purchase and member, and explains
     * each rule's outcome. Stores nothing.
     */
    @Operation(summary = "Simulate a draft rule on a sample purchase")
    @PostMapping(path = "/simulate", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<RuleSimulator.Simulation> simulate(@RequestBody SimulationRequest request) {
        return Mono.fromCallable(() -> {
            RecordPurchase purchase = request.purchaseCommand();
            InvalidRequestException.throwIfAny(java.util.stream.Stream.concat(purchases.violations(purchase).stream()
                    .map(v -> new Violation("purchase." + v.field(), v.message())), request.memberViolations().stream()).toList());
            return purchase;
        }).flatMap(purchase -> simulator.simulate(request.rule() == null ? null : request.rule().toDefinition(), purchase,
                request.memberFacts()));
    }

    @Operation(summary = "Draft an earning rule")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RuleState>> draft(@RequestBody RuleRequest request) {
        String ruleId = RuleCommandHandler.RULE_ID_PREFIX + UUID.randomUUID();
        return Mono.fromCallable(request::toDefinition)
                .flatMap(definition -> commands.<RuleState>send(new DraftRule(ruleId, definition)))
                .map(state -> ResponseEntity.created(URI.create("/api/v1/rules/" + ruleId)).body(state));
    }

    @Operation(summary = "Revise a draft rule")
    @PutMapping(path = "/{ruleId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<RuleState> revise(@PathVariable String ruleId, @RequestBody RuleRequest request) {
        return Mono.fromCallable(request::toDefinition).flatMap(definition -> commands.send(new ReviseRule(ruleId, definition)));
    }

    @Operation(summary = "Publish a rule (a new immutable version)")
    @PostMapping("/{ruleId}/publish")
    Mono<RuleState> publish(@PathVariable String ruleId) {
        return commands.send(new PublishRule(ruleId));
    }

    @Operation(summary = "Pause a rule")
    @PostMapping("/{ruleId}/pause")
    Mono<RuleState> pause(@PathVariable String ruleId) {
        return commands.send(new PauseRule(ruleId));
    }

    @Operation(summary = "Retire a rule")
    @PostMapping("/{ruleId}/retire")
    Mono<RuleState> retire(@PathVariable String ruleId) {
        return commands.send(new RetireRule(ruleId));
    }

    /** What the rule's draft would have given over the last {@code days} days of recorded purchases. Changes nothing. */
    @Operation(summary = "Backtest a rule over the last days")
    @PostMapping("/{ruleId}/backtest")
    Mono<RuleBacktest.Result> backtest(@PathVariable String ruleId, @RequestParam(defaultValue = "30") int days) {
        if (days < 1 || days > MAX_BACKTEST_DAYS) {
            return Mono.error(new InvalidRequestException(java.util.List.of(
                    new Violation("days", "must be between 1 and " + MAX_BACKTEST_DAYS))));
        }
        return one(ruleId).flatMap(rule -> Mono.fromCallable(() -> backtest.run(rule.draft(), days,
                        program.pointValue().amount(), program.pointValue().currency()))
                .subscribeOn(Schedulers.boundedElastic()));
    }

    @Operation(summary = "All rules")
    @GetMapping
    Flux<RuleView> all() {
        return reader.all();
    }

    @Operation(summary = "One rule")
    @GetMapping("/{ruleId}")
    Mono<RuleView> one(@PathVariable String ruleId) {
        return reader.one(ruleId).switchIfEmpty(Mono.error(() -> new NotFoundException("ruleId", "no rule " + ruleId)));
    }
}
