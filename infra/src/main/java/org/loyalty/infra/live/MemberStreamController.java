package org.loyalty.infra.live;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.account.MemberUpdate;
import org.loyalty.api.error.UnknownMemberException;
import org.loyalty.query.account.AccountReader;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A member's balance, tier and offers, live, as Server-Sent Events. */
@RestController
@Tag(name = "Live updates")
class MemberStreamController {

    private final AccountReader reader;
    private final MemberStream stream;

    MemberStreamController(AccountReader reader, MemberStream stream) {
        this.reader = reader;
        this.stream = stream;
    }

    /** An unknown member is a 404 problem before any stream is opened. */
    @Operation(summary = "Live balance, tier and offer updates (Server-Sent Events)")
    @GetMapping(path = "/api/v1/members/{memberId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Mono<ResponseEntity<Flux<ServerSentEvent<MemberUpdate>>>> stream(@PathVariable String memberId) {
        return reader.exists(memberId).flatMap(known -> known
                ? Mono.just(ResponseEntity.ok()
                        .contentType(MediaType.TEXT_EVENT_STREAM)
                        .cacheControl(CacheControl.noStore())
                        // nginx and friends would otherwise buffer the events.
                        .header("X-Accel-Buffering", "no")
                        .body(stream.open(memberId)))
                : Mono.error(new UnknownMemberException(memberId)));
    }
}
