package org.loyalty.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of the running application's OpenAPI document ({@code /v3/api-docs}), so that an
 * endpoint added tomorrow is fuzzed without anyone touching the fuzz test.
 */
final class ApiEndpoints {

    record Parameter(String name, String in, String type) {
    }

    record Endpoint(String method, String path, List<Parameter> parameters, String bodySchema, boolean bodyRequired,
                    JsonNode example) {

        boolean acceptsJson() {
            return bodySchema != null;
        }

        List<Parameter> in(String where) {
            return parameters.stream().filter(p -> p.in().equals(where)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;
    private final List<Endpoint> endpoints = new ArrayList<>();

    ApiEndpoints(String openApiJson) {
        try {
            this.document = JSON.readTree(openApiJson);
        } catch (Exception e) {
            throw new IllegalStateException("/v3/api-docs is not JSON", e);
        }
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                endpoints.add(endpoint(op.getKey().toUpperCase(), path.getKey(), op.getValue()));
            }
        }
    }

    private static Endpoint endpoint(String method, String path, JsonNode op) {
        List<Parameter> parameters = new ArrayList<>();
        op.path("parameters").forEach(p -> parameters.add(new Parameter(p.path("name").asText(), p.path("in").asText(),
                p.path("schema").path("type").asText("string"))));
        JsonNode json = op.path("requestBody").path("content").path("application/json");
        String schema = json.isMissingNode() ? null : json.path("schema").path("$ref").asText(json.path("schema").toString());
        JsonNode example = null;
        for (JsonNode named : json.path("examples")) {
            example = named.path("value");
            break;
        }
        if (example == null && json.has("example")) {
            example = json.get("example");
        }
        return new Endpoint(method, path, List.copyOf(parameters), schema, op.path("requestBody").path("required").asBoolean(false), example);
    }

    List<Endpoint> all() {
        return List.copyOf(endpoints);
    }

    /**
     * A body to start from: the operation's own example, else another operation's example of the same
     * schema (PUT /rules/{id} takes what POST /rules takes), else one built from the schema.
     */
    ObjectNode baseBody(Endpoint endpoint) {
        JsonNode example = Optional.ofNullable(endpoint.example()).orElseGet(() -> endpoints.stream()
                .filter(e -> endpoint.bodySchema().equals(e.bodySchema()) && e.example() != null)
                .map(Endpoint::example).findFirst().orElse(null));
        JsonNode body = example != null ? example.deepCopy() : fromSchema(schemaOf(endpoint.bodySchema()), 0);
        return body instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    private JsonNode schemaOf(String ref) {
        if (ref != null && ref.startsWith("#/components/schemas/")) {
            return document.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** A plausible value for every property: enough for the fuzz to have fields to break. */
    private JsonNode fromSchema(JsonNode schema, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (schema.has("$ref")) {
            return depth > 4 ? nodes.nullNode() : fromSchema(schemaOf(schema.get("$ref").asText()), depth + 1);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0).deepCopy();
        }
        switch (schema.path("type").asText(schema.has("properties") ? "object" : "string")) {
            case "object" -> {
                ObjectNode object = nodes.objectNode();
                schema.path("properties").fields().forEachRemaining(p -> object.set(p.getKey(), fromSchema(p.getValue(), depth + 1)));
                return object;
            }
            case "array" -> {
                ArrayNode array = nodes.arrayNode();
                array.add(fromSchema(schema.path("items"), depth + 1));
                return array;
            }
            case "integer" -> {
                return nodes.numberNode(1);
            }
            case "number" -> {
                return nodes.numberNode(new java.math.BigDecimal("1.50"));
            }
            case "boolean" -> {
                return nodes.booleanNode(true);
            }
            default -> {
                return switch (schema.path("format").asText("")) {
                    case "date" -> nodes.textNode("2026-01-15");
                    case "date-time" -> nodes.textNode("2026-01-15T10:00:00Z");
                    default -> nodes.textNode("fuzz");
                };
            }
        }
    }
}
