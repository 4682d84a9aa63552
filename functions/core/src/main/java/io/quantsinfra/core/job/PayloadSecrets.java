package io.quantsinfra.core.job;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds credentials written into a job's payload, which is never a place for one: it is stored in DynamoDB, shown by
 * {@code jobs get}, and handed to the container in RunTask's overrides (readable by anyone allowed DescribeTasks), all in
 * plain text. A job's secrets come from its definition's {@code secrets} (Secrets Manager references that ECS
 * resolves). Refused, with the path and never the value:
 * <ul>
 *   <li>a string or number under a key named like a credential: a word {@code secret}, {@code password},
 *       {@code passphrase}, {@code credential(s)}, {@code apikey}/{@code api_key}, {@code private_key},
 *       {@code access_key}, or a qualified token ({@code access_token}, {@code bot_token}, {@code jwt_token}, …);</li>
 *   <li>Freqtrade's own credential keys, where a Freqtrade config has them: {@code exchange}'s {@code key},
 *       {@code secret}, {@code password}, {@code uid}, {@code telegram}'s {@code token}, {@code discord}'s
 *       {@code webhook_url} (the Freqtrade presets pass the payload's {@code config} to Freqtrade);</li>
 *   <li>a bare {@code token} or {@code key} whose value looks like one (20 or more letters and digits in one run),
 *       and any URL with a password or a credential-named query parameter.</li>
 * </ul>
 * Empty strings, booleans and nulls pass: Freqtrade's own example configs leave {@code "key": ""} blank.
 */
final class PayloadSecrets {
    private static final Set<String> SECRET_WORDS = Set.of("secret", "secrets", "password", "passwd", "passphrase",
            "credential", "credentials", "apikey", "privatekey", "accesskey", "secretkey", "apisecret");
    /** The word before "key" that makes it a credential ({@code api_key}, {@code private_key}, …). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "private", "access", "signing", "encryption");
    /** A word beside "token" that makes it a credential rather than a coin ({@code {"token": "PEPE"}}). */
    private static final Set<String> TOKEN_QUALIFIERS = Set.of("access", "auth", "bot", "refresh", "session", "bearer",
            "api", "jwt", "ws", "id", "oauth", "github", "slack", "telegram", "discord", "webhook");
    /** Freqtrade's credential keys, by the section holding them (see FreqtradeSchema). */
    private static final Map<String, Set<String>> FREQTRADE = Map.of(
            "exchange", Set.of("key", "secret", "password", "uid"),
            "telegram", Set.of("token"),
            "discord", Set.of("webhook_url"));
    private static final Pattern TOKEN_VALUE = Pattern.compile("[A-Za-z0-9_:+=-]{20,}");
    private static final Pattern WORD_BREAK = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern CREDENTIAL_QUERY =
            Pattern.compile("(?i)(^|&)[^=&]*(token|key|secret|sig|signature|pass|auth)[^=&]*=");
    private static final String WHY = "a payload is kept and passed in plain text: put secrets in the definition's "
            + "\"secrets\" (Secrets Manager references), or leave it \"\"";

    private PayloadSecrets() {}

    /** Adds a literal-secret problem to {@code f} for every credential in {@code payload} (already size-checked). */
    static void check(Fields f, Object payload) {
        walk(f, null, "payload", payload);
    }

    private static void walk(Fields f, String parent, String path, Object value) {
        switch (value) {
            case Map<?, ?> m -> m.forEach((k, v) -> {
                String key = String.valueOf(k);
                String at = path + "." + Publisher.bounded(key);
                if (literal(v) && (namedLikeSecret(parent, key) || (v instanceof String s && looksLikeToken(key, s)))) {
                    f.literalSecret(at, "is named like a secret; " + WHY);
                } else if (v instanceof String s && carriesCredential(s)) {
                    f.literalSecret(at, "is a URL carrying a credential; " + WHY);
                } else {
                    walk(f, key, at, v);
                }
            });
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    Object v = l.get(i);
                    String at = path + "[" + i + "]";
                    if (v instanceof String s && carriesCredential(s)) {
                        f.literalSecret(at, "is a URL carrying a credential; " + WHY);
                    } else {
                        walk(f, parent, at, v);
                    }
                }
            }
            case null, default -> { }
        }
    }

    private static boolean literal(Object v) {
        return v instanceof String s ? !s.isEmpty() : v instanceof Number;
    }

    static boolean namedLikeSecret(String parent, String key) {
        if (parent != null && FREQTRADE.getOrDefault(parent, Set.of()).contains(key)) {
            return true;
        }
        List<String> words = words(key);
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (SECRET_WORDS.contains(w)) {
                return true;
            }
            if (i > 0 && w.equals("key") && KEY_QUALIFIERS.contains(words.get(i - 1))) {
                return true;
            }
            if (w.equals("token") && ((i > 0 && TOKEN_QUALIFIERS.contains(words.get(i - 1)))
                    || (i + 1 < words.size() && TOKEN_QUALIFIERS.contains(words.get(i + 1))))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A bare "token" or "key" is a coin or a lookup key ({@code "key": "data/2026/BTC_USDT-5m.feather"}) unless its
     * value is one unbroken run of 20 or more letters and digits (an exchange API key, a bot token).
     */
    private static boolean looksLikeToken(String key, String value) {
        return (key.equalsIgnoreCase("token") || key.equalsIgnoreCase("key")) && TOKEN_VALUE.matcher(value).matches()
                && value.chars().anyMatch(Character::isDigit) && value.chars().anyMatch(Character::isLetter);
    }

    static List<String> words(String key) {
        return List.of(WORD_BREAK.matcher(key).replaceAll("_").toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
    }

    /** A URL with a password in its user info, or a query parameter named like a credential. */
    static boolean carriesCredential(String s) {
        if (!s.contains("://")) {
            return false;
        }
        try {
            URI uri = new URI(s);
            String userInfo = uri.getRawUserInfo();
            String query = uri.getRawQuery();
            return (userInfo != null && userInfo.contains(":")) || (query != null && CREDENTIAL_QUERY.matcher(query).find());
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
