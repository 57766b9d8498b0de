package org.loyalty.infra.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaNamesTest {

    @Test
    void simpleNamesWhereUniqueAndTheEnclosingClassWhereNot() {
        assertThat(SchemaNames.shortNames(List.of(
                "org.loyalty.infra.pos.PurchaseController.Receipt",
                "org.loyalty.infra.pos.ReturnController.Receipt",
                "org.loyalty.api.analytics.ProgramMetricsReport.Survey",
                "org.loyalty.api.interaction.RecordInteraction.Survey",
                "org.loyalty.api.analytics.ScoredListOrg.loyalty.api.analytics.AtRiskMember",
                "org.springframework.http.codec.ServerSentEventOrg.loyalty.api.account.MemberUpdate",
                "org.loyalty.api.account.MemberBalance.TierProgress",
                "Problem")))
                .containsEntry("org.loyalty.infra.pos.PurchaseController.Receipt", "PurchaseReceipt")
                .containsEntry("org.loyalty.infra.pos.ReturnController.Receipt", "ReturnReceipt")
                .containsEntry("org.loyalty.api.analytics.ProgramMetricsReport.Survey", "ProgramMetricsReportSurvey")
                .containsEntry("org.loyalty.api.interaction.RecordInteraction.Survey", "RecordInteractionSurvey")
                .containsEntry("org.loyalty.api.analytics.ScoredListOrg.loyalty.api.analytics.AtRiskMember", "ScoredListAtRiskMember")
                .containsEntry("org.springframework.http.codec.ServerSentEventOrg.loyalty.api.account.MemberUpdate", "ServerSentEventMemberUpdate")
                .containsEntry("org.loyalty.api.account.MemberBalance.TierProgress", "TierProgress")
                .containsEntry("Problem", "Problem");
    }
}
