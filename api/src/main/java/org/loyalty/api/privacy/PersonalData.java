package org.loyalty.api.privacy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a component of an event that holds personal data of the member the event's {@link DataSubject}
 * names. The event store keeps such a field encrypted with that member's own key, so that destroying
 * the key (erasure) makes the value unreadable everywhere without rewriting a single stored event.
 * Readers must expect null for it: that is what an erased value reads as.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface PersonalData {
}
