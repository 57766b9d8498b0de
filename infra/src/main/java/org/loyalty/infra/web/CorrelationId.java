package org.loyalty.infra.web;

import java.util.regex.Pattern;
import org.axonframework.common.IdentifierFactory;

/**
 * The id that ties an HTTP request to the command it sends, the events that command produces and the
 * log lines of all three. Taken from the request's {@value #HEADER} header when it is 1 to 64 characters
 * of {@code [A-Za-z0-9._:-]}, else generated (a new UUID).
 *
 * <p>On the command and the events it is the metadata entry {@value #METADATA_KEY}. Not Axon's own
 * {@code correlationId}: Axon's {@code MessageOriginProvider} sets that to the causing message's
 * identifier, so an HTTP id put there would be replaced on the events; a
 * {@code SimpleCorrelationDataProvider} copies {@value #METADATA_KEY} from the command to its events.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    /** The key in the Reactor context and in the logging MDC. */
    public static final String CONTEXT_KEY = "correlationId";
    public static final String MDC_KEY = "correlationId";
    public static final String METADATA_KEY = "requestId";

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {
    }

    /**
     * The given id if it is acceptable, else a new UUID, from the generator Axon's message ids use (one DRBG
     * per thread, {@code TimeOrderedIdentifierFactory}) rather than {@code UUID.randomUUID()}'s single lock.
     */
    public static String acceptOrGenerate(String candidate) {
        return candidate != null && VALID.matcher(candidate).matches() ? candidate : IdentifierFactory.getInstance().generateIdentifier();
    }
}
