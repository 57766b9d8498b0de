package org.loyalty.infra.member;

import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.loyalty.api.member.EnrollMember;
import org.loyalty.infra.web.Commands;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Enrollment: {@code POST /api/v1/members}. */
@RestController
@RequestMapping("/api/v1/members")
@Tag(name = "Members")
class MemberController {

    private final Commands commands;

    MemberController(Commands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Enroll a member")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Enrolled>> enroll(@RequestBody EnrollmentRequest request) {
        String memberId = UUID.randomUUID().toString();
        return commands.<String>send(request.toCommand(memberId))
                .map(id -> ResponseEntity.created(URI.create("/api/v1/members/" + id)).body(new Enrolled(id)));
    }

    record EnrollmentRequest(String name, String email, String phone, LocalDate birthday, Boolean marketingConsent,
                             String referredBy) {
        EnrollMember toCommand(String memberId) {
            return new EnrollMember(memberId, name, email, phone, birthday, Boolean.TRUE.equals(marketingConsent), referredBy);
        }
    }

    record Enrolled(String memberId) {
    }
}
