package org.loyalty.infra.reward;

import java.util.List;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.rules.program.CatalogReward;
import org.loyalty.rules.program.LoyaltyProgram;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rewards catalog: {@code GET /api/v1/rewards}. */
@RestController
@Tag(name = "Rewards catalog")
class CatalogController {

    private final LoyaltyProgram program;

    CatalogController(LoyaltyProgram program) {
        this.program = program;
    }

    @Operation(summary = "The rewards catalog")
    @GetMapping("/api/v1/rewards")
    List<CatalogReward> catalog() {
        return program.catalog();
    }
}
