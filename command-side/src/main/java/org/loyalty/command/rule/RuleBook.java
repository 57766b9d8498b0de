package org.loyalty.command.rule;

import java.time.Instant;
import java.util.List;
import org.loyalty.rules.rule.CompiledRule;

/** The rule versions live at a given moment: what a purchase that occurred then is judged by. */
public interface RuleBook {

    List<CompiledRule> liveAt(Instant occurredAt);

    RuleBook EMPTY = occurredAt -> List.of();
}
