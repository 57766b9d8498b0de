package org.loyalty.infra.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.loyalty.infra.support.IntegrationTest;
import org.loyalty.infra.support.LoyaltyApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.pattern.PathPattern;

/**
 * The OpenAPI document the running application serves is the one checked in as {@code docs/openapi.json},
 * and documents every endpoint of the controllers. After an intended API change, regenerate the file:
 * {@value #REGENERATE}.
 */
@IntegrationTest
class OpenApiDocumentIT {

    static final String REGENERATE = "./mvnw -B -o -pl infra -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dit.test=OpenApiDocumentIT -Dopenapi.write=true";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @Test
    void theServedDocumentIsTheCheckedInOne() throws IOException {
        Object served = JSON.readValue(fetch("/v3/api-docs"), Object.class);
        Path file = checkedIn();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(file, JSON.writeValueAsString(served) + "\n", StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(file)) {
            fail(file + " is missing. Generate it with: " + REGENERATE);
        }
        Object expected = JSON.readValue(file.toFile(), Object.class);
        if (!expected.equals(served)) {
            fail("The served OpenAPI document (/v3/api-docs) differs from " + file.normalize()
                    + ". If the API change is intended, regenerate the file and commit it: " + REGENERATE
                    + "\nServed:\n" + JSON.writeValueAsString(served));
        }
    }

    @Test
    void everyEndpointIsDocumented() throws IOException {
        Map<?, ?> paths = (Map<?, ?>) JSON.readValue(fetch("/v3/api-docs"), Map.class).get("paths");
        List<String> missing = new ArrayList<>();
        int endpoints = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : handlerMapping.getHandlerMethods().entrySet()) {
            if (!handler.getValue().getBeanType().getPackageName().startsWith("org.loyalty.")) {
                continue;
            }
            var methods = handler.getKey().getMethodsCondition().getMethods();
            for (PathPattern pattern : handler.getKey().getPatternsCondition().getPatterns()) {
                Map<?, ?> item = (Map<?, ?>) paths.get(pattern.getPatternString());
                if (methods.isEmpty()) {
                    missing.add("(any method) " + pattern.getPatternString() + ": declare the HTTP method");
                }
                for (var method : methods) {
                    endpoints++;
                    if (item == null || !item.containsKey(method.name().toLowerCase(Locale.ROOT))) {
                        missing.add(method + " " + pattern.getPatternString() + " (" + handler.getValue().getShortLogMessage() + ")");
                    }
                }
            }
        }
        assertThat(endpoints).as("endpoints found in the controllers").isGreaterThan(40);
        assertThat(missing).as("endpoints missing from /v3/api-docs").isEmpty();
    }

    @Test
    void theYamlDocumentAndSwaggerUiAreServed() {
        LoyaltyApi api = new LoyaltyApi(port);
        api.http().get().uri("/v3/api-docs.yaml").exchange().expectStatus().isOk()
                .expectBody(String.class).value(yaml -> assertThat(yaml).contains("title: Loyalty platform API"));
        api.http().get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        api.http().get().uri("/webjars/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    private String fetch(String uri) {
        return new LoyaltyApi(port).http().get().uri(uri).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    /** docs/openapi.json of the repository, whether the tests run from the root or from infra. */
    private static Path checkedIn() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Cannot find the repository root (the directory with mvnw) above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("docs/openapi.json");
    }
}
