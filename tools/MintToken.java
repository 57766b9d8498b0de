import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Mints a bearer token for the local platform, with nothing but a JDK (run as a source file):
 *
 * <pre>
 *   java tools/MintToken.java admin
 *   java tools/MintToken.java marketer
 *   java tools/MintToken.java staff
 *   java tools/MintToken.java pos --stores STORE-1,STORE-2
 *   java tools/MintToken.java pos --stores STORE-1,STORE-2 --per-store   (one "STORE token" line per store: a till each)
 *   java tools/MintToken.java member --member 8f14e45f-...
 *   options: --key data/security/jwt-signing-key.pem  --ttl PT12H  --subject someone
 * </pre>
 *
 * The key is the one the platform generated at its first start (loyalty.security.jwt.local-key-file). The
 * token is RS256 with iss=loyalty-local, sub, roles and member_id or stores: the shape LocalTokens mints.
 */
public class MintToken {

    private static final Set<String> ROLES = Set.of("member", "pos", "marketer", "staff", "admin");

    public static void main(String[] args) throws Exception {
        Path key = Path.of("data/security/jwt-signing-key.pem");
        Duration ttl = Duration.ofHours(12);
        String role = null, member = null, subject = null;
        boolean perStore = false;
        List<String> stores = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--key" -> key = Path.of(value(args, ++i));
                case "--ttl" -> ttl = Duration.parse(value(args, ++i));
                case "--member" -> member = value(args, ++i);
                case "--subject" -> subject = value(args, ++i);
                case "--stores" -> stores.addAll(List.of(value(args, ++i).split(",")));
                case "--per-store" -> perStore = true;
                default -> role = args[i].toLowerCase();
            }
        }
        if (role == null || !ROLES.contains(role)) {
            fail("usage: java tools/MintToken.java [--key FILE] [--ttl PT12H] [--subject S] member --member ID | pos --stores S1,S2 [--per-store] | marketer | staff | admin");
        }
        if (role.equals("member") && member == null) {
            fail("a member token needs --member <memberId>");
        }
        if (role.equals("pos") && stores.isEmpty()) {
            fail("a pos token needs --stores <storeId,...>");
        }
        if (!Files.exists(key)) {
            fail(key + " does not exist: start the platform once (it generates the key), or pass --key");
        }
        PrivateKey signingKey = privateKey(key);
        if (perStore && role.equals("pos")) {
            for (String store : stores) {
                System.out.println(store + " " + mint(signingKey, ttl, subject == null ? "pos-" + store : subject, role, null, List.of(store)));
            }
            return;
        }
        if (subject == null) {
            subject = role.equals("member") ? member : role + "-" + UUID.randomUUID();
        }
        System.out.println(mint(signingKey, ttl, subject, role, member, stores));
    }

    private static String mint(PrivateKey signingKey, Duration ttl, String subject, String role, String member, List<String> stores)
            throws Exception {
        long now = Instant.now().getEpochSecond();
        StringBuilder claims = new StringBuilder("{\"iss\":\"loyalty-local\",\"sub\":").append(json(subject))
                .append(",\"iat\":").append(now).append(",\"exp\":").append(now + ttl.toSeconds())
                .append(",\"jti\":").append(json(UUID.randomUUID().toString()))
                .append(",\"roles\":[").append(json(role)).append(']');
        if (member != null) {
            claims.append(",\"member_id\":").append(json(member));
        }
        if (!stores.isEmpty()) {
            claims.append(",\"stores\":[").append(String.join(",", stores.stream().map(MintToken::json).toList())).append(']');
        }
        claims.append('}');
        String signingInput = base64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + base64(claims.toString());
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(signingKey);
        rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    private static PrivateKey privateKey(Path file) throws Exception {
        String pem = Files.readString(file, StandardCharsets.US_ASCII)
                .replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            fail(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
