package io.quantsinfra.core.catalog.schema;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A secret: accepted only as a reference {@code {"secretRef": "NAME", "jsonKey": "KEY"}} ({@code jsonKey}
 * optional). A literal is refused without being echoed; an empty string means "not set". For URL-valued
 * keys ({@code urlSchemes} not empty) a literal URL that carries no credential (no user info, no
 * credential-named query parameter, no token-like path segment) is accepted as plain configuration.
 *
 * {@snippet :
 * Schema.secret().check(Map.of("secretRef", "binance", "jsonKey", "secret"), Path.ROOT.key("secret"));
 * }
 */
public record SecretNode(Set<String> urlSchemes) implements Node {
    /** The key naming the secret in a reference. */
    public static final String REF = "secretRef";
    /** The key naming the JSON key inside the secret. */
    public static final String JSON_KEY = "jsonKey";

    /** Secret names as Secrets Manager accepts them. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    /** JSON keys usable in an ECS {@code valueFrom} ({@code <arn>:<jsonKey>::}), so no colon. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,256}");

    private static final String HOW = "store it with \"quants-infra secrets put NAME --value-file FILE\" and use "
            + "{\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}";
    private static final List<String> REF_KEYS = List.of(REF, JSON_KEY);
    private static final Pattern TOKEN_SEGMENT = Pattern.compile("[A-Za-z0-9_-]{16,}");

    public SecretNode {
        urlSchemes = Set.copyOf(urlSchemes);
    }

    @Override
    public Object check(Object raw, Path path) {
        return switch (raw) {
            case Map<?, ?> m -> reference(m, path);
            case String s when s.isEmpty() -> null;
            case String s when !urlSchemes.isEmpty() && !carriesCredential(s) -> plainUrl(s, path);
            case String _, Number _ -> throw path.literalSecret("literal secrets are not accepted; " + HOW);
            default -> throw path.invalid("expected " + expected() + ", got " + Values.kind(raw));
        };
    }

    private Object plainUrl(String s, Path path) {
        try {
            URI uri = new URI(s);
            if (uri.getScheme() != null && urlSchemes.contains(uri.getScheme())) {
                return s;
            }
        } catch (URISyntaxException e) {
            // fall through to the refusal below
        }
        throw path.invalid("expected a URL with scheme " + String.join(" or ", urlSchemes.stream().sorted().toList())
                + " or a secret reference {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}");
    }

    /** Whether a URL holds a credential: user info, a credential-named query parameter, a token-like segment. */
    static boolean carriesCredential(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return false;
        }
        if (uri.getRawUserInfo() != null) {
            return true;
        }
        String query = uri.getRawQuery();
        if (query != null) {
            if (Values.hasCredentialParameter("?" + query)) {
                return true;
            }
            for (String param : query.split("&")) {
                int eq = param.indexOf('=');
                if (eq >= 0 && Values.looksSecret(param.substring(eq + 1))) {
                    return true;
                }
            }
        }
        String p = uri.getRawPath() == null ? "" : uri.getRawPath();
        for (String seg : p.split("/")) {
            if (TOKEN_SEGMENT.matcher(seg).matches() && classes(seg) >= 2) {
                return true;
            }
        }
        return false;
    }

    private static int classes(String s) {
        return (s.chars().anyMatch(Character::isLowerCase) ? 1 : 0) + (s.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (s.chars().anyMatch(Character::isDigit) ? 1 : 0);
    }

    private static Map<String, Object> reference(Map<?, ?> m, Path path) {
        for (Object key : m.keySet()) {
            if (!(key instanceof String k) || !REF_KEYS.contains(k)) {
                String shown = String.valueOf(key);
                throw path.key(shown).invalid(Values.unknownKey(shown, REF_KEYS).replaceFirst("unknown key",
                        "unknown key in a secret reference"));
            }
        }
        Object name = m.get(REF);
        if (name == null) {
            throw path.key(REF).invalid("is required: the name of a secret stored with \"quants-infra secrets put\"");
        }
        if (!(name instanceof String n) || !NAME.matcher(n).matches()) {
            throw path.key(REF).invalid("expected a secret name of 1 to 512 characters from A-Z a-z 0-9 / _ + = . @ -, got "
                    + (name instanceof String s ? Values.show(s) : Values.kind(name)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(REF, n);
        Object key = m.get(JSON_KEY);
        if (key != null) {
            if (!(key instanceof String k) || !KEY.matcher(k).matches()) {
                throw path.key(JSON_KEY).invalid("expected a JSON key of 1 to 256 characters from A-Z a-z 0-9 / _ + = . @ -, got "
                        + (key instanceof String s ? Values.show(s) : Values.kind(key)));
            }
            out.put(JSON_KEY, k);
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String expected() {
        String ref = "a secret reference {\"secretRef\": \"NAME\", \"jsonKey\": \"KEY\"}";
        return urlSchemes.isEmpty() ? ref : ref + " or a URL without credentials";
    }
}
