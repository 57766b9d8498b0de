package org.loyalty.infra.security;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Who may call what, as an ordered table: the first rule whose method and path pattern match the request decides,
 * and a request no rule matches gets {@code otherwise}. The same semantics as Spring Security's
 * {@code pathMatchers(...).hasAnyRole(...)} chain, with the patterns parsed by a default {@link PathPatternParser}
 * as Spring Security's are, matched against the path within the application.
 *
 * <p>Why not that chain: it answers each pattern through its own {@code Mono} and walks the rules through a
 * {@code Flux}, so a balance read paid for thirteen reactive matches before reaching its rule, 4-6% of the read's CPU
 * (bench/NOTES.md item 58). Here the walk is a plain loop, and only the deciding rule's access check is reactive.
 */
final class AccessRules implements ReactiveAuthorizationManager<AuthorizationContext> {

    private static final AuthorizationResult GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationResult DENIED = new AuthorizationDecision(false);
    private static final Mono<AuthorizationResult> ALWAYS_GRANTED = Mono.just(GRANTED);
    private static final PathPatternParser PATTERNS = new PathPatternParser();

    /** What a rule requires of the caller once its method and path match. */
    interface Access {
        /**
         * @param matched the pattern that matched, for access that depends on a path variable
         */
        Mono<AuthorizationResult> decide(Mono<Authentication> authentication, PathPattern matched, PathContainer path);
    }

    /** One row of the table; a null method matches every method. */
    record Rule(HttpMethod method, List<PathPattern> patterns, Access access) {
    }

    private final List<Rule> rules;
    private final Access otherwise;

    AccessRules(List<Rule> rules, Access otherwise) {
        this.rules = List.copyOf(rules);
        this.otherwise = otherwise;
    }

    static Rule rule(HttpMethod method, Access access, String... patterns) {
        return new Rule(method, Arrays.stream(patterns).map(PATTERNS::parse).toList(), access);
    }

    static Rule anyMethod(Access access, String... patterns) {
        return rule(null, access, patterns);
    }

    /** Anyone, with or without credentials. */
    static Access anyone() {
        return (authentication, matched, path) -> ALWAYS_GRANTED;
    }

    /** An authenticated caller holding at least one of the roles. */
    static Access anyRole(Role... roles) {
        Set<String> authorities = Arrays.stream(roles).map(Role::authority).collect(Collectors.toUnmodifiableSet());
        return (authentication, matched, path) -> authentication
                .map(caller -> caller.isAuthenticated()
                        && caller.getAuthorities().stream().anyMatch(granted -> authorities.contains(granted.getAuthority()))
                        ? GRANTED : DENIED)
                .defaultIfEmpty(DENIED);
    }

    /** Staff and admins for any member; a member token only for the member id the path names in {@code variable}. */
    static Access theMemberItselfOrStaff(String variable) {
        return (authentication, matched, path) -> {
            String member = matched.matchAndExtract(path).getUriVariables().get(variable);
            return authentication
                    .map(caller -> caller instanceof CallerAuthentication known && known.caller().mayActFor(member) ? GRANTED : DENIED)
                    .defaultIfEmpty(DENIED);
        };
    }

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        ServerHttpRequest request = context.getExchange().getRequest();
        PathContainer path = request.getPath().pathWithinApplication();
        HttpMethod method = request.getMethod();
        for (Rule rule : rules) {
            if (rule.method() != null && !rule.method().equals(method)) {
                continue;
            }
            for (PathPattern pattern : rule.patterns()) {
                if (pattern.matches(path)) {
                    return rule.access().decide(authentication, pattern, path);
                }
            }
        }
        return otherwise.decide(authentication, null, path);
    }
}
