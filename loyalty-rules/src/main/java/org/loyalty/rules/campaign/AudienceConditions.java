package org.loyalty.rules.campaign;

import com.google.protobuf.Timestamp;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructTypeReference;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.List;
import java.util.Map;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.rules.campaign.facts.MemberInsight;
import org.loyalty.rules.rule.RuleConditions;

/**
 * A campaign's audience: a CEL condition over the member's insights ({@code member}, see
 * audience_facts.proto) and {@code now}. Numbers compare across int and double ({@code member.clv > 100}),
 * since scores are doubles and marketers write whole numbers. Checked when the campaign is saved.
 */
public final class AudienceConditions {

    static final int MAX_LENGTH = 2_000;

    private final Cel cel = CelFactory.standardCelBuilder()
            .setOptions(CelOptions.current().enableHeterogeneousNumericComparisons(true).comprehensionMaxIterations(1_000).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addMessageTypes(MemberInsight.getDescriptor())
            .addVar("member", StructTypeReference.create(MemberInsight.getDescriptor().getFullName()))
            .addVar("now", SimpleType.TIMESTAMP)
            .setResultType(SimpleType.BOOL)
            .build();

    /** A checked audience condition. */
    public static final class Audience {
        private final String source;
        private final CelRuntime.Program program;

        private Audience(String source, CelRuntime.Program program) {
            this.source = source;
            this.program = program;
        }

        public String source() {
            return source;
        }

        /** True when the member belongs to the audience; an evaluation error means they do not. */
        public boolean includes(MemberInsight member, Timestamp now) {
            try {
                return Boolean.TRUE.equals(program.eval(Map.of("member", member, "now", now)));
            } catch (CelEvaluationException e) {
                return false;
            }
        }
    }

    public Audience compile(String field, String expression) {
        if (expression == null || expression.isBlank()) {
            throw new InvalidRequestException(List.of(new Violation(field, "is required: a CEL condition over member (true for everyone)")));
        }
        if (expression.length() > MAX_LENGTH) {
            throw new InvalidRequestException(List.of(new Violation(field, "must be at most " + MAX_LENGTH + " characters")));
        }
        CelValidationResult result = cel.compile(expression);
        if (result.hasError()) {
            throw new InvalidRequestException(result.getErrors().stream()
                    .map(issue -> new Violation(field, RuleConditions.describe(issue)))
                    .toList());
        }
        try {
            return new Audience(expression, cel.createProgram(result.getAst()));
        } catch (CelValidationException | CelEvaluationException e) {
            throw new InvalidRequestException(List.of(new Violation(field, e.getMessage())));
        }
    }
}
