package org.loyalty.command.interaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test fake of {@link InteractionClaims}: the first member to claim an id owns it. Not rolled back with a failed command. */
public final class InMemoryInteractionClaims implements InteractionClaims {

    private final Map<String, String> ownerByInteraction = new ConcurrentHashMap<>();

    @Override
    public String claim(String interactionId, String memberId) {
        String earlier = ownerByInteraction.putIfAbsent(interactionId, memberId);
        return earlier == null ? memberId : earlier;
    }
}
