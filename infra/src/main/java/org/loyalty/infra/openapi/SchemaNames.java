package org.loyalty.infra.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Short schema names. springdoc names schemas by their fully qualified class names here
 * ({@code springdoc.use-fqn}), because simple names collide (the purchase's and the return's
 * {@code Receipt}, the survey answer and the survey figures): this gives every schema its simple name
 * back, or, where two share it, the simple name prefixed by the enclosing class ({@code PurchaseReceipt}).
 */
final class SchemaNames {

    private SchemaNames() {
    }

    static void shorten(OpenAPI openApi) {
        Components components = openApi.getComponents();
        if (components == null || components.getSchemas() == null) {
            return;
        }
        Map<String, String> shortNames = shortNames(components.getSchemas().keySet());
        Map<String, Schema> renamed = new LinkedHashMap<>();
        components.getSchemas().forEach((name, schema) -> {
            schema.setName(null);
            renamed.put(shortNames.get(name), schema);
        });
        components.setSchemas(renamed);
        renamed.values().forEach(schema -> rename(schema, shortNames));
        if (components.getResponses() != null) {
            components.getResponses().values().forEach(response -> rename(response, shortNames));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getParameters() != null) {
                    operation.getParameters().forEach(parameter -> {
                        rename(parameter.getSchema(), shortNames);
                        rename(parameter.getContent(), shortNames);
                    });
                }
                if (operation.getRequestBody() != null) {
                    rename(operation.getRequestBody().getContent(), shortNames);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> rename(response, shortNames));
                }
            }));
        }
    }

    static Map<String, String> shortNames(Collection<String> names) {
        Map<String, String> simple = new HashMap<>();
        names.forEach(name -> simple.put(name, classes(name).stream()
                .map(nested -> nested.get(nested.size() - 1)).collect(Collectors.joining())));
        Map<String, Long> uses = simple.values().stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        Map<String, String> shortNames = new HashMap<>();
        names.forEach(name -> shortNames.put(name, uses.get(simple.get(name)) == 1
                ? simple.get(name)
                : classes(name).stream().flatMap(List::stream).map(c -> c.replaceFirst("Controller$", "")).collect(Collectors.joining())));
        return shortNames;
    }

    /**
     * The class names in a springdoc name, nested classes together: {@code org.loyalty.api.analytics.ScoredListOrg.loyalty.api.analytics.AtRiskMember}
     * (a generic type: its type arguments' names follow, capitalized) is [[ScoredList], [AtRiskMember]];
     * {@code org.loyalty.infra.pos.PurchaseController.Receipt} is [[PurchaseController, Receipt]].
     */
    static List<List<String>> classes(String name) {
        List<List<String>> classes = new ArrayList<>();
        List<String> current = new ArrayList<>();
        String[] tokens = name.split("\\.");
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty() || !Character.isUpperCase(token.charAt(0))) {
                continue;
            }
            boolean argumentFollows = i + 1 < tokens.length && !tokens[i + 1].isEmpty() && Character.isLowerCase(tokens[i + 1].charAt(0));
            if (argumentFollows) {
                // "ScoredListOrg": the class name, then the type argument's first package name, capitalized.
                int lastWord = lastUpperCase(token);
                if (lastWord > 0) {
                    current.add(token.substring(0, lastWord));
                }
                classes.add(current);
                current = new ArrayList<>();
            } else {
                current.add(token);
            }
        }
        if (!current.isEmpty()) {
            classes.add(current);
        }
        return classes;
    }

    private static int lastUpperCase(String token) {
        for (int i = token.length() - 1; i >= 0; i--) {
            if (Character.isUpperCase(token.charAt(i))) {
                return i;
            }
        }
        return 0;
    }

    private static void rename(ApiResponse response, Map<String, String> names) {
        rename(response.getContent(), names);
        if (response.getHeaders() != null) {
            response.getHeaders().values().forEach(header -> rename(header.getSchema(), names));
        }
    }

    private static void rename(Content content, Map<String, String> names) {
        if (content != null) {
            content.values().forEach(mediaType -> rename(mediaType.getSchema(), names));
        }
    }

    @SuppressWarnings("rawtypes")
    private static void rename(Schema schema, Map<String, String> names) {
        if (schema == null) {
            return;
        }
        String prefix = "#/components/schemas/";
        if (schema.get$ref() != null && schema.get$ref().startsWith(prefix)) {
            String target = names.get(schema.get$ref().substring(prefix.length()));
            if (target != null) {
                schema.set$ref(prefix + target);
            }
        }
        if (schema.getProperties() != null) {
            ((Map<?, ?>) schema.getProperties()).values().forEach(property -> rename((Schema) property, names));
        }
        rename(schema.getItems(), names);
        rename(schema.getNot(), names);
        if (schema.getAdditionalProperties() instanceof Schema additional) {
            rename(additional, names);
        }
        for (List<?> list : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(), schema.getPrefixItems())) {
            if (list != null) {
                list.forEach(each -> rename((Schema) each, names));
            }
        }
    }
}
