package org.loyalty.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options. */
final class Options {

    private final Map<String, String> values = new HashMap<>();

    Options(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            values.put(args[i].substring(2), args[++i]);
        }
    }

    String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
    }

    /** The nodes to spread requests over: {@code --base http://localhost:8080,http://localhost:8081}. */
    List<URI> bases() {
        return Arrays.stream(required("base").split(",")).map(String::trim).map(URI::create).toList();
    }

    /**
     * Till tokens per store from {@code --pos-tokens FILE} (lines {@code STORE-7 <token>}, as
     * {@code java tools/MintToken.java pos --stores ... --per-store} prints them), as header lines; empty without it.
     */
    Map<String, String> bearersPerStore(String name) throws IOException {
        String file = values.get(name);
        Map<String, String> bearers = new HashMap<>();
        if (file != null) {
            for (String line : Files.readAllLines(Path.of(file))) {
                String[] parts = line.trim().split("\\s+");
                if (parts.length == 2) {
                    bearers.put(parts[0], "Authorization: Bearer " + parts[1]);
                }
            }
        }
        return bearers;
    }

    /** The header line to send, or null: no token given (before authentication exists) sends none. */
    String bearer(String name) {
        String token = values.get(name);
        return token == null || token.isBlank() ? null : "Authorization: Bearer " + token.trim();
    }
}
