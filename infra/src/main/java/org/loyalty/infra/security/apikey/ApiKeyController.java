package org.loyalty.infra.security.apikey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.loyalty.api.error.NotFoundException;
import org.loyalty.rules.validation.Violations;
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

/** Admins issue, list, rotate and revoke the tills' API keys ({@code X-Api-Key}). */
@RestController
@RequestMapping("/api/v1/pos/api-keys")
@Tag(name = "POS API keys")
class ApiKeyController {

    static final int MAX_STORES = 100;

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @Operation(summary = "Issue an API key for one or more stores (answers the key, once)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ApiKeys.IssuedKey>> issue(@RequestBody KeyRequest request) {
        request.validate();
        return keys.issue(request.name().strip(), request.storeIds())
                .map(issued -> ResponseEntity.created(URI.create("/api/v1/pos/api-keys/" + issued.keyId())).body(issued));
    }

    @Operation(summary = "Every API key, revoked ones included (no secrets)")
    @GetMapping
    Mono<List<ApiKeys.ListedKey>> list() {
        return keys.list().collectList();
    }

    @Operation(summary = "Rotate a key: a new secret now, the previous one valid for the rotation grace")
    @PostMapping("/{keyId}/rotate")
    Mono<ApiKeys.IssuedKey> rotate(@PathVariable String keyId) {
        return keys.rotate(keyId).switchIfEmpty(Mono.error(() -> unknown(keyId)));
    }

    @Operation(summary = "Revoke a key")
    @DeleteMapping("/{keyId}")
    Mono<ResponseEntity<Void>> revoke(@PathVariable String keyId) {
        return keys.revoke(keyId)
                .flatMap(revoked -> revoked ? Mono.just(ResponseEntity.noContent().<Void>build()) : Mono.error(unknown(keyId)));
    }

    private static NotFoundException unknown(String keyId) {
        return new NotFoundException("keyId", "No live API key with id " + keyId);
    }

    /**
     * @param name     what the key is for ("Store 12, till 3")
     * @param storeIds the stores it may post purchases and returns for
     */
    record KeyRequest(String name, List<String> storeIds) {
        void validate() {
            Violations violations = new Violations();
            violations.requireText("name", name, 200);
            if (storeIds == null || storeIds.isEmpty()) {
                violations.add("storeIds", "must name at least one store");
            } else if (storeIds.size() > MAX_STORES) {
                violations.add("storeIds", "may name at most " + MAX_STORES + " stores");
            } else {
                for (int i = 0; i < storeIds.size(); i++) {
                    violations.requireId("storeIds[" + i + "]", storeIds.get(i));
                }
            }
            violations.throwIfAny();
        }
    }
}
