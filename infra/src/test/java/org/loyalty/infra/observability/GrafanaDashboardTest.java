package org.loyalty.infra.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {

    @Test
    void theDashboardIsValidJsonWithAPanelPerMeter() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("..", "docs", "grafana", "loyalty-dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.get("panels").forEach(panel -> panel.get("targets").forEach(target -> expressions.add(target.get("expr").asText())));
        assertThat(String.join("\n", expressions))
                .contains("loyalty_purchases_recorded_total", "loyalty_points_earned_total", "loyalty_points_redeemed_total",
                        "loyalty_points_expired_total", "loyalty_offers_issued_total", "loyalty_processor_lag_events",
                        "http_server_requests_seconds_bucket", "commandBus_successCounter_total");
    }
}
