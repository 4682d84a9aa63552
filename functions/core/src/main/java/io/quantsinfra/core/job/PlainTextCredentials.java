package io.quantsinfra.core.job;

import io.quantsinfra.core.catalog.FreqtradeService;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds credentials written where a job keeps plain text: its payload (stored in DynamoDB, shown by {@code jobs get},
 * handed to the container in RunTask's overrides) and its definition's command, entry point and environment values
 * (in the ECS task definition, readable by anyone allowed to describe it). A job's secrets come from its definition's
 * {@code secrets}: Secrets Manager references that ECS resolves into environment variables. Refused, with the path
 * and never the value:
 * <ul>
 *   <li>a string or number under a key (or a {@code --flag}, or a {@code NAME=} assignment) named like a credential:
 *       a word {@code secret}, {@code password}, {@code passphrase}, {@code credential(s)}, {@code apikey}/
 *       {@code api_key}, {@code private_key}, {@code access_key}, or a qualified token ({@code access_token},
 *       {@code bot_token}, {@code jwt_token}, …);</li>
 *   <li>in a payload, Freqtrade's own credential keys where a Freqtrade config has them: {@code exchange}'s
 *       {@code key}, {@code secret}, {@code password}, {@code uid}, {@code telegram}'s {@code token},
 *       {@code discord}'s {@code webhook_url} (the Freqtrade presets pass the payload's {@code config} to Freqtrade);</li>
 *   <li>a bare {@code token} or {@code key} whose value looks like one (20 or more letters and digits in one run);</li>
 *   <li>any URL with a password or a credential-named query parameter, and an {@code Authorization:} (or
 *       {@code X-Api-Key:}, …) header written into a command.</li>
 * </ul>
 * Empty strings, booleans and nulls pass (Freqtrade's own example configs leave {@code "key": ""} blank), and so do a
 * command's {@code $VARIABLE} (reading the secret from the environment ECS fills is the way to pass one) and names that
 * refer to a credential rather than hold it ({@code secret_name}, {@code --password-file}, {@code secret_arn}).
 */
final class PlainTextCredentials {
    private static final Set<String> SECRET_WORDS = Set.of("secret", "secrets", "password", "passwd", "passphrase",
            "credential", "credentials", "apikey", "privatekey", "accesskey", "secretkey", "apisecret");
    /** The word before "key" that makes it a credential ({@code api_key}, {@code private_key}, …). */
    private static final Set<String> KEY_QUALIFIERS = Set.of("api", "private", "access", "signing", "encryption");
    /** A word beside "token" that makes it a credential rather than a coin ({@code {"token": "PEPE"}}). */
    private static final Set<String> TOKEN_QUALIFIERS = Set.of("access", "auth", "bot", "refresh", "session", "bearer",
            "api", "jwt", "ws", "id", "oauth", "github", "slack", "telegram", "discord", "webhook");
    /** Words that make a credential-like name a reference to one ({@code secret_name}, {@code --password-file}). */
    private static final Set<String> REFERENCE_WORDS = Set.of("file", "path", "dir", "env", "ref", "name", "arn", "id",
            "length", "len", "prompt", "stdin", "required", "rotation");
    private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "token", "bot", "digest");
    /** Freqtrade's credential keys, by the section holding them, as its schema declares them. */
    private static final Map<String, Set<String>> FREQTRADE = FreqtradeService.secretKeysBySection();
    private static final Pattern TOKEN_VALUE = Pattern.compile("[A-Za-z0-9_:+=-]{20,}");
    private static final Pattern WORD_BREAK = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    /** Words of query parameter names that hold a credential ({@code api_token=}, {@code X-Amz-Signature=}, {@code key=}). */
    private static final Set<String> CREDENTIAL_PARAMETERS = Set.of("token", "key", "apikey", "secret", "sig", "signature",
            "pass", "password", "passwd", "auth");
    /** The characters of a URL's scheme, before its {@code ://}. */
    private static final String SCHEME_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-";
    private static final Pattern HEADER = Pattern.compile(
            "(?i)(proxy-)?authorization:|x-api-key:|x-auth-token:|api-key:|x-mbx-apikey:");
    private static final Pattern FLAG = Pattern.compile("--?([A-Za-z][A-Za-z0-9_.-]*)");
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:--?)?([A-Za-z_][A-Za-z0-9_.-]*)=(.*)", Pattern.DOTALL);
    private static final String PAYLOAD_WHY = "a payload is kept and passed in plain text: put secrets in the definition's "
            + "\"secrets\" (Secrets Manager references), or leave it \"\"";
    private static final String DEFINITION_WHY = "a task definition is readable by anyone who may describe it: store the "
            + "value (secrets put), reference it under \"secrets\", and read it from that variable ($NAME)";

    /** More arguments than a definition takes are refused before they are read (Definitions: 64 and 16). */
    private static final int MAX_ARGUMENTS = 64;
    private static final int MAX_ARGUMENT_LENGTH = 4096;

    private PlainTextCredentials() {}

    /** Adds a literal-secret problem to {@code f} for every credential in {@code payload} (already size-checked). */
    static void inPayload(Fields f, Object payload) {
        walk(f, null, "payload", payload);
    }

    /**
     * The same for a command or entry point ({@code field}): each argument, and each word of an argument that is a
     * script ({@code sh -c "…"}), for flags and assignments named like a credential, headers and URLs carrying one.
     */
    static void inArguments(Fields f, String field, Object arguments) {
        if (!(arguments instanceof List<?> list) || list.size() > MAX_ARGUMENTS) {
            return; // not a list, or too long: Fields reports it
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String argument) || argument.length() > MAX_ARGUMENT_LENGTH) {
                continue; // Fields refuses it
            }
            String at = field + "[" + i + "]";
            String reason = argumentProblem(i > 0 && list.get(i - 1) instanceof String p ? p : null, argument);
            if (reason != null) {
                f.literalSecret(at, reason + "; " + DEFINITION_WHY);
            }
        }
    }

    /** A plain environment value that is a URL carrying a credential ({@code DATABASE_URL=postgres://u:p@…}). */
    static void inEnvironmentValue(Fields f, String at, String value) {
        if (urlCarriesCredential(value)) {
            f.literalSecret(at, "is a URL carrying a credential; " + DEFINITION_WHY);
        }
    }

    private static void walk(Fields f, String parent, String path, Object value) {
        switch (value) {
            case Map<?, ?> m -> m.forEach((k, v) -> {
                String key = String.valueOf(k);
                String at = path + "." + Publisher.bounded(key);
                if (literal(v) && (namedLikeSecret(parent, key) || (v instanceof String s && looksLikeToken(key, s)))) {
                    f.literalSecret(at, "is named like a secret; " + PAYLOAD_WHY);
                } else if (v instanceof String s && urlCarriesCredential(s)) {
                    f.literalSecret(at, "is a URL carrying a credential; " + PAYLOAD_WHY);
                } else {
                    walk(f, key, at, v);
                }
            });
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    Object v = l.get(i);
                    String at = path + "[" + i + "]";
                    if (v instanceof String s && urlCarriesCredential(s)) {
                        f.literalSecret(at, "is a URL carrying a credential; " + PAYLOAD_WHY);
                    } else {
                        walk(f, parent, at, v);
                    }
                }
            }
            case null, default -> { }
        }
    }

    /**
     * Why {@code argument} holds a credential, or null. The argument before it (exec form: {@code ["--api-key", "…"]})
     * is read too, and so is each word of a script; a value naming a variable ({@code $API_KEY}) is fine.
     */
    private static String argumentProblem(String previous, String argument) {
        if (urlCarriesCredential(argument)) {
            return "holds a URL carrying a credential";
        }
        List<String> words = new ArrayList<>();
        if (previous != null && !previous.isBlank() && previous.strip().indexOf(' ') < 0) {
            words.add(previous.strip());
        } else {
            words.add("");
        }
        for (String w : argument.split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(unquote(w));
            }
        }
        // The first word stands for the previous argument: only its flag or header counts, never its own value.
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            String before = words.get(i - 1);
            if (HEADER.matcher(before).matches()) {
                // "Authorization: Bearer $TOKEN" passes: the scheme is not the credential.
                String credential = AUTH_SCHEMES.contains(word.toLowerCase(Locale.ROOT)) && i + 1 < words.size()
                        ? words.get(i + 1) : word;
                if (value(credential)) {
                    return "holds a credential header (" + Publisher.bounded(before) + ")";
                }
            }
            var flag = FLAG.matcher(before);
            if (flag.matches() && value(word) && !word.startsWith("-") && credentialName(flag.group(1), word)) {
                return "holds the value of " + Publisher.bounded(before);
            }
            var assignment = ASSIGNMENT.matcher(word);
            if (assignment.matches() && value(assignment.group(2)) && credentialName(assignment.group(1), assignment.group(2))) {
                return "sets " + Publisher.bounded(assignment.group(1)) + " to a literal";
            }
        }
        return null;
    }

    /** Whether {@code name} (a flag or variable) holding {@code value} is a credential. */
    private static boolean credentialName(String name, String value) {
        return namedLikeSecret(null, name) || looksLikeToken(name, value);
    }

    /** A non-empty literal: not a variable ({@code $NAME}, {@code ${NAME}}) and not a command substitution. */
    private static boolean value(String word) {
        return !word.isEmpty() && !word.startsWith("$") && !word.startsWith("`");
    }

    private static String unquote(String word) {
        String w = word;
        while (!w.isEmpty() && "'\"".indexOf(w.charAt(0)) >= 0) {
            w = w.substring(1);
        }
        while (!w.isEmpty() && "'\";".indexOf(w.charAt(w.length() - 1)) >= 0) {
            w = w.substring(0, w.length() - 1);
        }
        return w.replace("\"", "").replace("'", "");
    }

    private static boolean literal(Object v) {
        return v instanceof String s ? !s.isEmpty() : v instanceof Number;
    }

    static boolean namedLikeSecret(String parent, String key) {
        if (parent != null && FREQTRADE.getOrDefault(parent, Set.of()).contains(key)) {
            return true;
        }
        List<String> words = words(key);
        if (words.stream().anyMatch(REFERENCE_WORDS::contains)) {
            return false;
        }
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

    /**
     * Whether any URL in {@code s} has a password in its user info or a query parameter named like a credential. Each
     * {@code ://} is widened by hand to its scheme before and its end after (white space or a quote), and the search
     * goes on after that end: one pass over {@code s}, where a regex search would try every start position again.
     */
    static boolean urlCarriesCredential(String s) {
        for (int at = s.indexOf("://"), end; at >= 0; at = s.indexOf("://", end)) {
            int start = at;
            while (start > 0 && SCHEME_CHARS.indexOf(s.charAt(start - 1)) >= 0) {
                start--;
            }
            end = at + 3;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && "'\"`".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            if (start == at || !Character.isLetter(s.charAt(start))) {
                continue;
            }
            try {
                URI uri = new URI(s.substring(start, end));
                String userInfo = uri.getRawUserInfo();
                String query = uri.getRawQuery();
                if ((userInfo != null && userInfo.contains(":")) || (query != null && credentialParameter(query))) {
                    return true;
                }
            } catch (URISyntaxException e) {
                // not a URL after all
            }
        }
        return false;
    }

    /** Whether a query has a parameter with a value whose name has a credential word ({@code author=} has none). */
    private static boolean credentialParameter(String query) {
        for (String parameter : query.split("&")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && eq < parameter.length() - 1) {
                String name = parameter.substring(0, eq);
                if (words(name).stream().anyMatch(CREDENTIAL_PARAMETERS::contains) || namedLikeSecret(null, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
