package org.loyalty.infra.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.loyalty.infra.fuzz.ApiEndpoints.Endpoint;
import org.loyalty.infra.fuzz.ApiEndpoints.Parameter;

/**
 * Hostile requests for one endpoint, derived from a valid body: broken JSON, each field given wrong
 * types, huge numbers, hostile text, deep nesting; extra and duplicate keys; wrong content types;
 * oversized bodies; hostile path variables and query parameters. Seeded, so a failure replays.
 *
 * <p>Each case either must be refused ({@link FuzzCase#validBecause()} null: a 4xx and nothing stored)
 * or may be valid, with the reason why (then 2xx is an acceptable answer, 5xx never is).
 */
final class HostileRequests {

    /**
     * @param field the field the problem must name, or null when the body as a whole is at fault
     * @param validBecause null when the request must be refused; else why a 2xx is a correct answer
     */
    record FuzzCase(Endpoint endpoint, String what, String method, String uri, String contentType, byte[] body,
                    boolean chunked, String validBecause, String field) {

        boolean mustBeRefused() {
            return validBecause == null;
        }

        @Override
        public String toString() {
            return endpoint + " [" + what + "] " + RawHttp.abbreviate(uri);
        }
    }

    static final String JSON_TYPE = "application/json";
    static final int ONE_MB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "@@FUZZ-VALUE@@";

    /** A raw JSON value (not necessarily valid JSON) and whether it can be a valid value of some field. */
    private record Value(String label, String json, String validBecause, boolean namesField) {
        static Value refused(String label, String json) {
            return new Value(label, json, null, true);
        }

        static Value refusedAsBody(String label, String json) {
            return new Value(label, json, null, false);
        }

        static Value mayBeValid(String label, String json, String why) {
            return new Value(label, json, why, false);
        }
    }

    static final String DEEP_ARRAYS = "[".repeat(10_000) + "]".repeat(10_000);
    static final String DEEP_OBJECTS = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    private static final String FOUR_HUNDRED_DIGITS = "9".repeat(400);

    private static final List<Value> HOSTILE_TEXT = List.of(
            Value.refused("number for text", "12345"),
            Value.refused("boolean for text", "true"),
            Value.refused("object for text", "{\"$gt\":\"\"}"),
            Value.refused("array for text", "[\"a\"]"),
            Value.refused("NUL character", "\"ann\\u0000lee\""),
            Value.refused("lone high surrogate", "\"\\ud800\""),
            Value.refused("lone low surrogate", "\"x\\udc00y\""),
            Value.refusedAsBody("10,000 nested arrays", DEEP_ARRAYS));

    private static final List<Value> ODD_TEXT = List.of(
            Value.mayBeValid("right-to-left override", "\"\u202Egnp.exe\"", "Unicode text is valid text"),
            Value.mayBeValid("emoji", "\"\u2615\uD83C\uDF89 \uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\"", "Unicode text is valid text"),
            Value.mayBeValid("homoglyphs", "\"\u0410nn L\u0435\u0435\"", "Cyrillic letters are valid text"),
            Value.mayBeValid("combining marks", "\"Z\u0334\u0321\u035Aa\u0337lgo\"", "combining marks are valid text"),
            Value.mayBeValid("5,000 characters", "\"" + "x".repeat(5_000) + "\"", "free text without a length limit"),
            Value.mayBeValid("empty string", "\"\"", "an optional field may be empty"),
            Value.mayBeValid("null", "null", "an optional field may be null"),
            Value.mayBeValid("path traversal", "\"../../../etc/passwd\"", "it is just text"),
            Value.mayBeValid("SQL", "\"' OR '1'='1' --\"", "it is just text"),
            Value.mayBeValid("markup", "\"<script>alert(1)</script>\"", "it is just text"));

    private static final List<Value> HOSTILE_NUMBERS = List.of(
            Value.refused("text for number", "\"abc\""),
            Value.refused("number in a string", "\"12\""),
            Value.refused("boolean for number", "true"),
            Value.refused("object for number", "{}"),
            Value.refused("array for number", "[1]"),
            Value.refused("1e400", "1e400"),
            Value.refused("-1e400", "-1e400"),
            Value.refused("2^63", "9223372036854775808"),
            Value.refused("-2^63-1", "-9223372036854775809"),
            // Refused by the parser's number-length limit before the field is known: the problem names the enclosing object.
            Value.refusedAsBody("400 digits", FOUR_HUNDRED_DIGITS),
            Value.refused("1e999999999", "1e999999999"),
            Value.refused("1e-999999999", "1e-999999999"),
            Value.refusedAsBody("NaN literal", "NaN"),
            Value.refused("NaN string", "\"NaN\""),
            Value.refusedAsBody("Infinity literal", "Infinity"),
            Value.refusedAsBody("hexadecimal", "0x10"),
            Value.refusedAsBody("leading zero", "012"));

    private static final List<Value> ODD_NUMBERS = List.of(
            Value.mayBeValid("-0", "-0", "-0 is zero, which some fields accept"),
            Value.mayBeValid("null", "null", "an optional field may be null"),
            Value.mayBeValid("1.5", "1.5", "decimal fields take fractions"),
            Value.mayBeValid("-1", "-1", "some fields take negative numbers (adjustments)"));

    private static final List<Value> HOSTILE_BOOLEANS = List.of(
            Value.refused("text for boolean", "\"yes\""),
            Value.refused("boolean in a string", "\"true\""),
            Value.refused("1 for boolean", "1"),
            Value.refused("object for boolean", "{}"));

    private static final List<Value> ODD_BOOLEANS = List.of(
            Value.mayBeValid("null", "null", "an optional field may be null"));

    private static final List<Value> HOSTILE_ARRAYS = List.of(
            Value.refused("object for array", "{}"),
            Value.refused("text for array", "\"x\""),
            Value.refused("number for array", "1"),
            Value.refused("array of arrays", "[[1]]"),
            Value.refusedAsBody("10,000 nested arrays", DEEP_ARRAYS));

    private static final List<Value> ODD_ARRAYS = List.of(
            Value.mayBeValid("empty array", "[]", "an optional list may be empty"),
            Value.mayBeValid("null", "null", "an optional list may be null"),
            Value.mayBeValid("null element", "[null]", "refused by the validator or ignored"));

    private static final List<Value> HOSTILE_OBJECTS = List.of(
            Value.refused("array for object", "[]"),
            Value.refused("text for object", "\"x\""),
            Value.refused("number for object", "1"),
            Value.refusedAsBody("10,000 nested objects", DEEP_OBJECTS));

    private static final List<Value> ODD_OBJECTS = List.of(
            Value.mayBeValid("null", "null", "an optional object may be null"),
            Value.mayBeValid("empty object", "{}", "an object whose fields are all optional"));

    /** Hostile path segments, already percent-encoded where the URI needs it. */
    private static final List<String> HOSTILE_SEGMENTS = List.of(
            "x".repeat(2_000),
            "%00",
            "a%00b",
            "..%2F..%2Fetc%2Fpasswd",
            "%2e%2e",
            "%E2%80%AEgnp.exe",
            "%F0%9F%92%A5",
            "%ED%A0%80",
            "%C0%AF",
            "%27%20OR%20%271%27%3D%271",
            "%20",
            "-1",
            "null");

    /** Hostile query values, raw (encoded when the URI is built) but for the ones that are about encoding. */
    private static final List<String> HOSTILE_QUERY_VALUES = List.of(
            "abc", "-1", "99999999999999999999", "1e400", "NaN", "%00", "%ED%A0%80", "x".repeat(5_000),
            "%F0%9F%92%A5", "2026-02-30", "1;DROP TABLE member_account", "0");

    private final Random random;
    private final int valuesPerField;

    HostileRequests(long seed, int valuesPerField) {
        this.random = new Random(seed);
        this.valuesPerField = valuesPerField;
    }

    /** Every case for one endpoint that takes a JSON body. */
    List<FuzzCase> bodyCases(Endpoint endpoint, String uri, Supplier<ObjectNode> validBody) {
        List<FuzzCase> cases = new ArrayList<>();
        String valid = text(validBody.get());
        addBody(cases, endpoint, uri, "not JSON", "not json at all");
        addBody(cases, endpoint, uri, "unclosed object", "{");
        addBody(cases, endpoint, uri, "dangling key", "{\"a\":");
        addBody(cases, endpoint, uri, "single quotes", "{'name': 'x'}");
        addBody(cases, endpoint, uri, "trailing tokens", valid + " {}");
        addBody(cases, endpoint, uri, "comment", "/* hi */ " + valid);
        if (endpoint.bodyRequired()) {
            addBody(cases, endpoint, uri, "JSON null", "null");
        } else {
            cases.add(new FuzzCase(endpoint, "JSON null", endpoint.method(), uri, JSON_TYPE, "null".getBytes(StandardCharsets.UTF_8),
                    false, "the body is optional (requestBody.required is false) and null means none", null));
        }
        addBody(cases, endpoint, uri, "array body", "[]");
        addBody(cases, endpoint, uri, "string body", "\"text\"");
        addBody(cases, endpoint, uri, "number body", "42");
        addBody(cases, endpoint, uri, "10,000 nested arrays", DEEP_ARRAYS);
        addBody(cases, endpoint, uri, "10,000 nested objects", DEEP_OBJECTS);
        for (int i = 0; i < 3; i++) {
            int cut = 1 + random.nextInt(Math.max(1, valid.length() - 1));
            addBody(cases, endpoint, uri, "truncated at " + cut, valid.substring(0, cut));
        }
        byte[] invalidUtf8 = withInvalidUtf8(valid);
        cases.add(new FuzzCase(endpoint, "invalid UTF-8", endpoint.method(), uri, JSON_TYPE, invalidUtf8, false, null, null));
        if (endpoint.bodyRequired()) {
            cases.add(new FuzzCase(endpoint, "empty body", endpoint.method(), uri, JSON_TYPE, new byte[0], false, null, null));
            cases.add(new FuzzCase(endpoint, "no body", endpoint.method(), uri, JSON_TYPE, null, false, null, null));
        } else {
            cases.add(new FuzzCase(endpoint, "empty body", endpoint.method(), uri, JSON_TYPE, new byte[0], false,
                    "the body is optional (requestBody.required is false)", null));
        }

        ObjectNode extra = validBody.get();
        extra.put("unexpectedField", 1);
        cases.add(json(endpoint, uri, "unknown field", text(extra), "unexpectedField"));
        ObjectNode proto = validBody.get();
        proto.putObject("__proto__").put("admin", true);
        cases.add(json(endpoint, uri, "__proto__ field", text(proto), "__proto__"));
        ObjectNode duplicated = validBody.get();
        if (duplicated.size() > 0) {
            String first = duplicated.fieldNames().next();
            String body = text(duplicated);
            cases.add(json(endpoint, uri, "duplicate key " + first,
                    body.substring(0, body.length() - 1) + ",\"" + first + "\":" + text(duplicated.get(first)) + "}", first));
        }

        byte[] validBytes = text(validBody.get()).getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "application/json; charset=ebcdic", "multipart/form-data; boundary=x"}) {
            cases.add(new FuzzCase(endpoint, "content type " + type, endpoint.method(), uri, type, validBytes, false, null, null));
        }
        cases.add(new FuzzCase(endpoint, "no content type", endpoint.method(), uri, null, validBytes, false, null, null));

        byte[] fiveMb = oversized(validBody.get(), 5 * ONE_MB);
        cases.add(new FuzzCase(endpoint, "5 MB body", endpoint.method(), uri, JSON_TYPE, fiveMb, false, null, null));
        cases.add(new FuzzCase(endpoint, "5 MB chunked body", endpoint.method(), uri, JSON_TYPE, fiveMb, true, null, null));

        ObjectNode base = validBody.get();
        List<List<Object>> fields = new ArrayList<>();
        collect(base, new ArrayList<>(), fields);
        boolean longStringDone = false;
        for (List<Object> path : fields) {
            JsonNode node = at(base, path);
            List<Value> hostile = new ArrayList<>(hostileFor(node));
            List<Value> odd = new ArrayList<>(oddFor(node));
            Collections.shuffle(hostile, random);
            Collections.shuffle(odd, random);
            List<Value> chosen = new ArrayList<>(hostile.subList(0, Math.min(valuesPerField, hostile.size())));
            chosen.addAll(odd.subList(0, Math.min(Math.max(1, valuesPerField / 3), odd.size())));
            if (node.isTextual() && !longStringDone) {
                // One megabyte of text in one field per endpoint: over the request size limit.
                chosen.add(Value.refusedAsBody("1 MB string", "\"" + "x".repeat(ONE_MB) + "\""));
                longStringDone = true;
            }
            for (Value value : chosen) {
                String body = text(replaced(validBody.get(), path)).replace("\"" + MARK + "\"", value.json());
                String field = fieldName(path);
                cases.add(new FuzzCase(endpoint, field + " = " + value.label(), endpoint.method(), uri, JSON_TYPE,
                        body.getBytes(StandardCharsets.UTF_8), false, value.validBecause(), value.namesField() ? field : null));
            }
        }
        return cases;
    }

    /** Each path variable in turn made hostile, the others (and the body, if any) valid. */
    List<FuzzCase> pathCases(Endpoint endpoint, Map<String, String> validPathValues, String validQuery, byte[] validBody) {
        List<FuzzCase> cases = new ArrayList<>();
        for (Parameter variable : endpoint.in("path")) {
            for (String segment : HOSTILE_SEGMENTS) {
                String uri = expand(endpoint.path(), validPathValues, variable.name(), segment) + validQuery;
                cases.add(new FuzzCase(endpoint, "path " + variable.name() + " = " + RawHttp.abbreviate(segment), endpoint.method(), uri,
                        validBody == null ? null : JSON_TYPE, validBody, false, null, null));
            }
        }
        return cases;
    }

    /** Each query parameter in turn made hostile; a GET may answer 2xx (it changes nothing), a POST must refuse. */
    List<FuzzCase> queryCases(Endpoint endpoint, Map<String, String> validPathValues, byte[] validBody) {
        List<FuzzCase> cases = new ArrayList<>();
        String path = expand(endpoint.path(), validPathValues, null, null);
        String safe = endpoint.method().equals("GET") ? "a GET changes nothing; a lenient reading is allowed" : null;
        for (Parameter parameter : endpoint.in("query")) {
            for (String value : HOSTILE_QUERY_VALUES) {
                String encoded = value.startsWith("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8);
                cases.add(new FuzzCase(endpoint, "query " + parameter.name() + " = " + RawHttp.abbreviate(value), endpoint.method(),
                        path + "?" + parameter.name() + "=" + encoded, validBody == null ? null : JSON_TYPE, validBody, false, safe, null));
            }
            if (safe == null) {
                // A POST with valid parameters does real work (a refit, a backtest): only hostile values here.
                continue;
            }
            cases.add(new FuzzCase(endpoint, "query " + parameter.name() + " twice", endpoint.method(),
                    path + "?" + parameter.name() + "=1&" + parameter.name() + "=2", validBody == null ? null : JSON_TYPE, validBody,
                    false, "the first of a repeated parameter is taken", null));
            cases.add(new FuzzCase(endpoint, "query " + parameter.name() + " empty", endpoint.method(),
                    path + "?" + parameter.name() + "=", validBody == null ? null : JSON_TYPE, validBody,
                    false, "an empty parameter reads as absent: the default applies", null));
        }
        return cases;
    }

    static String expand(String template, Map<String, String> values, String hostileName, String hostileValue) {
        String uri = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            String replacement = value.getKey().equals(hostileName) ? hostileValue : value.getValue();
            uri = uri.replace("{" + value.getKey() + "}", replacement);
        }
        if (hostileName != null && uri.contains("{" + hostileName + "}")) {
            uri = uri.replace("{" + hostileName + "}", hostileValue);
        }
        return uri.replaceAll("\\{[^}]+}", "unknown-id");
    }

    private static List<Value> hostileFor(JsonNode node) {
        if (node.isTextual()) {
            return HOSTILE_TEXT;
        }
        if (node.isNumber()) {
            return HOSTILE_NUMBERS;
        }
        if (node.isBoolean()) {
            return HOSTILE_BOOLEANS;
        }
        if (node.isArray()) {
            return HOSTILE_ARRAYS;
        }
        return node.isObject() ? HOSTILE_OBJECTS : List.of();
    }

    private static List<Value> oddFor(JsonNode node) {
        if (node.isTextual()) {
            return ODD_TEXT;
        }
        if (node.isNumber()) {
            return ODD_NUMBERS;
        }
        if (node.isBoolean()) {
            return ODD_BOOLEANS;
        }
        if (node.isArray()) {
            return ODD_ARRAYS;
        }
        return node.isObject() ? ODD_OBJECTS : List.of();
    }

    private void addBody(List<FuzzCase> cases, Endpoint endpoint, String uri, String what, String body) {
        cases.add(new FuzzCase(endpoint, what, endpoint.method(), uri, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), false, null, null));
    }

    private static FuzzCase json(Endpoint endpoint, String uri, String what, String body, String field) {
        return new FuzzCase(endpoint, what, endpoint.method(), uri, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), false, null, field);
    }

    /** A valid body with bytes 0xC3 0x28 (not UTF-8) inside its first string value. */
    private static byte[] withInvalidUtf8(String valid) {
        int quote = valid.indexOf(":\"");
        byte[] head = valid.substring(0, quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] tail = valid.substring(quote + 2).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, bytes, head.length + 2, tail.length);
        return bytes;
    }

    /** The valid body with one more field holding a string as long as it takes to reach {@code size} bytes. */
    private static byte[] oversized(ObjectNode body, int size) {
        body.put("padding", "x".repeat(size));
        return text(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                List<Object> child = new ArrayList<>(path);
                child.add(field.getKey());
                into.add(child);
                collect(field.getValue(), child, into);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> child = new ArrayList<>(path);
                child.add(i);
                into.add(child);
                collect(node.get(i), child, into);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode node = root;
        for (Object step : path) {
            node = step instanceof Integer index ? node.get(index) : node.get((String) step);
        }
        return node;
    }

    private static ObjectNode replaced(ObjectNode body, List<Object> path) {
        JsonNode parent = at(body, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, TextNode.valueOf(MARK));
        } else {
            ((ObjectNode) parent).put((String) last, MARK);
        }
        return body;
    }

    /** The field as the problem details name it: items[0].quantity. */
    static String fieldName(List<Object> path) {
        StringBuilder name = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                name.append('[').append(index).append(']');
            } else {
                if (!name.isEmpty()) {
                    name.append('.');
                }
                name.append(step);
            }
        }
        return name.toString();
    }

    static String text(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
