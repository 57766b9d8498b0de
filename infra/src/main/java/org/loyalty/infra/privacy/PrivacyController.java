package org.loyalty.infra.privacy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.loyalty.api.error.InvalidRequestException;
import org.loyalty.api.error.Violation;
import org.loyalty.api.privacy.ChangeConsents;
import org.loyalty.api.privacy.ConsentPurpose;
import org.loyalty.api.privacy.Consents;
import org.loyalty.api.privacy.ErasePersonalData;
import org.loyalty.api.privacy.MemberDataExport;
import org.loyalty.infra.web.Commands;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The member's GDPR rights: consents, erasure, and access to (export of) their data. */
@RestController
@RequestMapping("/api/v1/members/{memberId}")
@Tag(name = "Privacy")
class PrivacyController {

    static final int MAX_SOURCE = 64;

    private final Commands commands;
    private final MemberDataExporter exporter;

    PrivacyController(Commands commands, MemberDataExporter exporter) {
        this.commands = commands;
        this.exporter = exporter;
    }

    /** Purposes left out keep their state; only real changes are recorded (as ConsentChanged events). */
    @Operation(summary = "Give or withdraw consents (marketing by email, SMS, push; analytics)")
    @PostMapping(path = "/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ConsentsView> consents(@PathVariable String memberId, @RequestBody ConsentRequest request) {
        return commands.<Consents>send(request.toCommand(memberId)).map(ConsentsView::of);
    }

    /**
     * Erasure by crypto-shredding: the member's data key is destroyed, so their name, contact details,
     * birthday and written texts can no longer be read anywhere, and the read models drop them. Points,
     * tiers and history stay. Repeating it answers 204 again.
     */
    @Operation(summary = "Erase the member's personal data (crypto-shredding); the account and its points stay")
    @DeleteMapping
    Mono<ResponseEntity<Void>> erase(@PathVariable String memberId) {
        return commands.<Boolean>send(new ErasePersonalData(memberId)).thenReturn(ResponseEntity.noContent().build());
    }

    @Operation(summary = "Everything about the member: profile, consents, balance, ledger, rewards, offers, timeline, insights")
    @GetMapping("/export")
    Mono<MemberDataExport> export(@PathVariable String memberId) {
        return exporter.export(memberId);
    }

    /** true gives the consent, false withdraws it, absent leaves it; {@code source}: where the member said so (optional). */
    record ConsentRequest(Boolean marketingEmail, Boolean marketingSms, Boolean marketingPush, Boolean analytics, String source) {

        ChangeConsents toCommand(String memberId) {
            List<Violation> violations = new ArrayList<>();
            if (source != null && source.length() > MAX_SOURCE) {
                violations.add(new Violation("source", "must be at most " + MAX_SOURCE + " characters"));
            }
            InvalidRequestException.throwIfAny(violations);
            Map<ConsentPurpose, Boolean> changes = new EnumMap<>(ConsentPurpose.class);
            put(changes, ConsentPurpose.MARKETING_EMAIL, marketingEmail);
            put(changes, ConsentPurpose.MARKETING_SMS, marketingSms);
            put(changes, ConsentPurpose.MARKETING_PUSH, marketingPush);
            put(changes, ConsentPurpose.ANALYTICS, analytics);
            return new ChangeConsents(memberId, changes, source == null || source.isBlank() ? null : source.strip());
        }

        private static void put(Map<ConsentPurpose, Boolean> changes, ConsentPurpose purpose, Boolean granted) {
            if (granted != null) {
                changes.put(purpose, granted);
            }
        }
    }

    /** The member's consents now, by purpose; {@code changedAt} null while they are as at enrollment. */
    record ConsentsView(String memberId, Map<String, Boolean> consents, Instant changedAt) {

        static ConsentsView of(Consents consents) {
            Map<String, Boolean> named = new LinkedHashMap<>();
            consents.granted().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> named.put(e.getKey().field(), e.getValue()));
            return new ConsentsView(consents.memberId(), named, consents.changedAt());
        }
    }
}
