package org.loyalty.infra.openapi;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.StringUtils;

/**
 * The OpenAPI 3 document ({@code /v3/api-docs}, {@code /v3/api-docs.yaml}) and Swagger UI
 * ({@code /swagger-ui.html}). Controllers carry only their tag and a summary per operation; the
 * problem+json error responses and the request examples (from {@code openapi/examples/*.json}) are
 * added here, once for all.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    /** Request body examples of the main commands: "METHOD path" to the example file and its summary. */
    private static final Map<String, List<String>> EXAMPLES = examples();

    private static Map<String, List<String>> examples() {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        examples.put("POST /api/v1/members", List.of("enroll", "A member with a phone and marketing consent"));
        examples.put("POST /api/v1/pos/purchases", List.of("purchase", "Two lattes and a muffin, paid by card"));
        examples.put("POST /api/v1/pos/returns", List.of("return", "One latte of the purchase back"));
        examples.put("POST /api/v1/members/{memberId}/adjustments", List.of("adjustment", "Staff goodwill: +50 points"));
        examples.put("POST /api/v1/members/{memberId}/redemptions", List.of("redemption", "Redeem the 25-point reward"));
        examples.put("POST /api/v1/members/{memberId}/interactions", List.of("interaction", "A support request by phone"));
        examples.put("POST /api/v1/rules", List.of("rule-draft", "Gold Tuesdays: coffee counts double (CEL)"));
        examples.put("POST /api/v1/rules/simulate", List.of("simulation", "A draft rule tried on two lattes for a Gold member"));
        examples.put("POST /api/v1/members/{memberId}/redemptions/{redemptionId}/cancel", List.of("cancellation", "Rung up by mistake"));
        examples.put("POST /api/v1/campaigns", List.of("campaign-draft", "Win back Gold members slipping away"));
        examples.put("POST /api/v1/webhooks", List.of("webhook", "A CRM subscribed to three events"));
        examples.put("POST /api/v1/members/{memberId}/consents", List.of("consents", "Email and push yes, SMS no"));
        return examples;
    }

    /**
     * Success statuses other than 200, which springdoc cannot see through {@code ResponseEntity}:
     * the creations answer 201 (with a Location or an Idempotent-Replayed header), an unsubscribe 204.
     */
    private static final Map<String, String> SUCCESS = Map.ofEntries(
            Map.entry("POST /api/v1/members", "201"),
            Map.entry("POST /api/v1/pos/purchases", "201"),
            Map.entry("POST /api/v1/pos/returns", "201"),
            Map.entry("POST /api/v1/members/{memberId}/adjustments", "201"),
            Map.entry("POST /api/v1/members/{memberId}/redemptions", "201"),
            Map.entry("POST /api/v1/members/{memberId}/interactions", "201"),
            Map.entry("POST /api/v1/rules", "201"),
            Map.entry("POST /api/v1/campaigns", "201"),
            Map.entry("POST /api/v1/campaigns/playbooks/{name}", "201"),
            Map.entry("POST /api/v1/webhooks", "201"),
            Map.entry("DELETE /api/v1/webhooks/{subscriptionId}", "204"),
            Map.entry("DELETE /api/v1/members/{memberId}", "204"),
            Map.entry("POST /api/v1/pos/api-keys", "201"),
            Map.entry("DELETE /api/v1/pos/api-keys/{keyId}", "204"));

    /** The endpoints a till may call with its API key instead of a bearer token. */
    private static final java.util.Set<String> API_KEY_ENDPOINTS = java.util.Set.of("POST /api/v1/pos/purchases", "POST /api/v1/pos/returns");

    @Bean
    OpenAPI loyaltyOpenApi() {
        return new OpenAPI()
                // Relative, so that the document does not depend on the host and port it was fetched from.
                .servers(List.of(new Server().url("/").description("This server")))
                .info(new Info()
                        .title("Loyalty platform API")
                        .version("v1")
                        .description("Event-sourced loyalty and retention platform: enrollment, POS purchases and returns, "
                                + "points, tiers and rewards, interactions, earning rules, retention analytics, campaigns and "
                                + "webhooks. Every error is RFC 9457 problem details (application/problem+json); input errors "
                                + "name the fields in `errors: [{field, message}]`. Every call needs a bearer token (JWT) whose roles "
                        + "allow it (member, pos, marketer, staff, admin); tills may send an API key (X-Api-Key) instead."))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .tags(List.of(
                        tag("Members", "Enrollment"),
                        tag("Accounts", "Balances, rewards and the points ledger (read model)"),
                        tag("POS", "Purchases and returns from the points of sale; idempotent on their ids"),
                        tag("Adjustments", "Manual points adjustments by staff"),
                        tag("Redemptions", "Redeeming rewards and cancelling redemptions"),
                        tag("Rewards catalog", "The rewards members can redeem"),
                        tag("Interactions", "Support requests, complaints, surveys, app visits, reviews, and the member timeline"),
                        tag("Live updates", "Server-Sent Events per member"),
                        tag("Earning rules", "CEL earning rules: draft, simulate, backtest, publish, pause, retire"),
                        tag("Analytics", "Retention models, churn risk, VIPs, segments and program metrics"),
                        tag("Campaigns", "Retention campaigns: playbooks, drafts, lifecycle and results"),
                        tag("Offers", "The offers campaigns gave a member"),
                        tag("Webhooks", "Subscribers to the platform's events and their deliveries"),
                        tag("POS API keys", "The tills' API keys: issued, rotated and revoked by admins; stored hashed"),
                        tag("Privacy", "GDPR: consents, erasure by crypto-shredding, and the export of a member's data")));
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }

    /** Operation ids from the controller and method names, so that they stay stable and unique. */
    @Bean
    OperationCustomizer controllerOperationIds() {
        return (operation, handlerMethod) -> {
            String controller = handlerMethod.getBeanType().getSimpleName().replaceFirst("Controller$", "");
            operation.setOperationId(StringUtils.uncapitalize(controller) + StringUtils.capitalize(handlerMethod.getMethod().getName()));
            return operation;
        };
    }

    /** The problem+json error responses on every operation that can answer them, and the request examples. */
    @Bean
    OpenApiCustomizer problemsAndExamples() {
        return openApi -> {
            SchemaNames.shorten(openApi);
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components);
            components.addSchemas("FieldError", new ObjectSchema()
                    .description("One invalid input: the field as named in the request, and what is wrong with it")
                    .addProperty("field", new StringSchema().example("items[0].quantity"))
                    .addProperty("message", new StringSchema().example("must be at least 1"))
                    .required(List.of("field", "message")));
            components.addSchemas("Problem", new ObjectSchema()
                    .description("RFC 9457 problem details")
                    .addProperty("type", new StringSchema().format("uri").example("https://loyalty-platform.dev/problems/invalid-request"))
                    .addProperty("title", new StringSchema().example("Invalid request"))
                    .addProperty("status", new IntegerSchema().example(400))
                    .addProperty("detail", new StringSchema().example("items[0].quantity must be at least 1"))
                    .addProperty("instance", new StringSchema().format("uri").example("/api/v1/pos/purchases"))
                    .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/FieldError"))));
            components.addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("A JWT with the caller's roles (claim `roles`), and `member_id` for a member or `stores` for a till. "
                            + "Locally: `java tools/MintToken.java <role>`"));
            components.addSecuritySchemes("posApiKey", new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                    .name("X-Api-Key").description("A till's API key (POST /api/v1/pos/api-keys), for purchases and returns of its stores"));
            components.addResponses("Unauthorized", problem("No credentials, or a token or key that is expired, badly signed or revoked",
                    401, "unauthenticated", "Unauthenticated", "Authorization", "missing or invalid"));
            components.addResponses("Forbidden", problem("The caller's roles, member id or stores do not allow this",
                    403, "forbidden", "Forbidden", "storeId", "This till may not post for store STORE-2"));
            components.addResponses("TooManyRequests", problem("Over the caller's rate limit; see Retry-After",
                    429, "rate-limited", "Too many requests", "Authorization", "over the rate limit"));
            components.addResponses("BadRequest", problem("The request is invalid; `errors` names every invalid field",
                    400, "invalid-request", "Invalid request", "items[0].quantity", "must be at least 1"));
            components.addResponses("NotFound", problem("Something the request names does not exist",
                    404, "not-found", "Not found", "memberId", "no member 3f2b8c1e-5d4a-4e7b-9c1a-2b6d8e0f4a17"));
            components.addResponses("Conflict", problem("The request conflicts with the current state (or reuses an id with other content)",
                    409, "conflict", "Conflict", "transactionId", "was used already for another purchase"));
            components.addResponses("UnprocessableContent", problem("Refused by the program's rules",
                    422, "rule-violation", "Refused by the program's rules", "rewardId", "needs 25 points; the balance is 12"));

            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                String status = SUCCESS.get(method.name() + " " + path);
                ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().remove("200");
                if (ok != null) {
                    if ("201".equals(status)) {
                        operation.getResponses().addApiResponse("201", ok.description("Created"));
                    } else if ("204".equals(status)) {
                        operation.getResponses().addApiResponse("204", new ApiResponse().description("No Content"));
                    } else {
                        operation.getResponses().addApiResponse("200", ok);
                    }
                }
                addProblems(method, operation);
                operation.getResponses().addApiResponse("401", ref("Unauthorized"));
                operation.getResponses().addApiResponse("403", ref("Forbidden"));
                operation.getResponses().addApiResponse("429", ref("TooManyRequests"));
                if (API_KEY_ENDPOINTS.contains(method.name() + " " + path)) {
                    operation.setSecurity(List.of(new SecurityRequirement().addList("bearer"), new SecurityRequirement().addList("posApiKey")));
                }
                List<String> example = EXAMPLES.get(method.name() + " " + path);
                if (example != null && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                    MediaType json = operation.getRequestBody().getContent().get(JSON);
                    if (json != null) {
                        json.addExamples(example.get(0), new Example().summary(example.get(1)).value(read(example.get(0))));
                    }
                }
            }));
        };
    }

    private static void addProblems(PathItem.HttpMethod method, Operation operation) {
        boolean pathParameters = operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean input = operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        if (input) {
            responses.addApiResponse("400", ref("BadRequest"));
        }
        if (pathParameters) {
            responses.addApiResponse("404", ref("NotFound"));
        }
        if ((method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT)
                && (pathParameters || operation.getRequestBody() != null)) {
            responses.addApiResponse("409", ref("Conflict"));
            responses.addApiResponse("422", ref("UnprocessableContent"));
        }
    }

    private static ApiResponse ref(String name) {
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    private static ApiResponse problem(String description, int status, String type, String title, String field, String message) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "https://loyalty-platform.dev/problems/" + type);
        example.put("title", title);
        example.put("status", status);
        example.put("detail", field + " " + message);
        example.put("errors", List.of(Map.of("field", field, "message", message)));
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")).example(example)));
    }

    private static Object read(String example) {
        try (InputStream in = new ClassPathResource("openapi/examples/" + example + ".json").getInputStream()) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI example " + example, e);
        }
    }
}
