package org.loyalty.infra.reward;

import java.util.List;
import org.loyalty.rules.program.CatalogReward;
import org.loyalty.rules.program.LoyaltyProgram;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rewards catalog: {@code GET /api/v1/rewards}. */
@RestController
class CatalogController {

    private final LoyaltyProgram program;

    CatalogController(LoyaltyProgram program) {
        this.program = program;
    }

    @GetMapping("/api/v1/rewards")
    List<CatalogReward> catalog() {
        return program.catalog();
    }
}
