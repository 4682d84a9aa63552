package io.quantsinfra.core.catalog.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.LiteralSecretException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Values that reach the secret heuristics and "did you mean" of every schema message: the one-pass query check agrees
 * with the regular expression it replaced, and a hostile value of the document limit's size is answered inside API
 * Gateway's 30 s (the regular expression took 12 s for 120 KB, quadratically more for 384 KiB).
 */
class HostileValuesTest {
    /** The expression {@link Values#hasCredentialParameter} replaced: the oracle on inputs short enough for it. */
    private static final Pattern OLD = Pattern.compile("(?i)[?&][^=&]*(token|key|secret|sig|signature|pass|auth)[^=&]*=");
    /** Pieces the random strings are made of: the separators, the credential words and pieces of them, noise. */
    private static final List<String> PIECES = List.of("?", "&", "=", "key", "KEY", "tok", "en", "sig", "pass", "auth",
            "secret", "x", "a=b", "://", "/", "%3D");
    /** The API's request limit for a document (DocumentLimits.MAX_BYTES). */
    private static final int DOCUMENT_LIMIT = 384 * 1024;
    private static final Duration API_GATEWAY_LIMIT = Duration.ofSeconds(30);

    @Test
    void credentialParameter_agreesWithTheRegularExpressionItReplaced_onRandomStrings() {
        Random r = new Random(14);
        int found = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            for (int i = r.nextInt(12); i > 0; i--) {
                b.append(PIECES.get(r.nextInt(PIECES.size())));
            }
            String s = b.toString();
            boolean expected = OLD.matcher(s).find();
            assertEquals(expected, Values.hasCredentialParameter(s), () -> "for " + s);
            found += expected ? 1 : 0;
        }
        assertTrue(found > 1_000 && found < 19_000, "the random strings hit the credential case " + found + " times");
    }

    @Test
    void credentialParameter_findsTheShapesUsersWrite() {
        assertTrue(Values.hasCredentialParameter("https://hooks.example.com/x?api_token=abc"));
        assertTrue(Values.hasCredentialParameter("https://s3.amazonaws.com/b/k?X-Amz-Date=1&X-Amz-Signature=abc"));
        assertTrue(Values.hasCredentialParameter("?a=1&&&?PASSWORD=x"));
        assertFalse(Values.hasCredentialParameter("https://api.example.com/klines?symbol=BTCUSDT&interval=5m"));
        assertFalse(Values.hasCredentialParameter("https://example.com/?token"));
    }

    @Test
    void hostileValues_ofTheDocumentLimitsSize_areRefusedInsideApiGatewaysLimit() {
        String query = "https://x/?" + "key".repeat(DOCUMENT_LIMIT / 3);
        String questions = "https://x/" + "?".repeat(DOCUMENT_LIMIT);
        String longKey = "k".repeat(DOCUMENT_LIMIT);
        ObjectNode schema = Schema.object().optional("currency", Schema.string().matching("[A-Z]{3}", "a code like \"USD\""))
                .optional("url", Schema.secretUnlessPlainUrl("https"));
        assertTimeoutPreemptively(API_GATEWAY_LIMIT, () -> {
            for (String hostile : List.of(query, questions)) {
                assertThrows(InvalidInputException.class, () -> schema.check(java.util.Map.of("currency", hostile), Path.ROOT));
            }
            // A credential-named parameter: refused as a literal secret; a plain one is a URL like any other.
            assertThrows(LiteralSecretException.class, () -> schema.check(java.util.Map.of("url", query + "=1"), Path.ROOT));
            schema.check(java.util.Map.of("url", questions + "=1"), Path.ROOT);
            // A key of tokens and a line break in a free-form section: ".*(token…).*" backtracked quadratically (21 s at 320 KB).
            InvalidInputException free = assertThrows(InvalidInputException.class, () -> Schema.freeObject()
                    .check(java.util.Map.of("token".repeat(DOCUMENT_LIMIT / 5) + "\n", "v"), Path.ROOT));
            assertTrue(free.getMessage().contains("looks like a credential"), () -> free.getMessage().substring(0, 100));
            // 30,000 unknown keys in an open object (about the document limit): one "did you mean" per key, not per field.
            java.util.Map<String, Object> many = new java.util.LinkedHashMap<>();
            for (int i = 0; i < 30_000; i++) {
                many.put("unknown_setting_" + i, i);
            }
            many.put("stake_ammount", 10);
            ObjectNode open = Schema.object().passingTo("Freqtrade").required("stake_amount", Schema.positive())
                    .optional("stake_currency", Schema.string());
            InvalidInputException typo = assertThrows(InvalidInputException.class, () -> open.check(many, Path.ROOT));
            assertTrue(typo.getMessage().contains("the document has \"stake_ammount\": a typo?"), typo::getMessage);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> schema.check(java.util.Map.of(longKey, 1), Path.ROOT));
            assertTrue(e.getMessage().contains("unknown key"), e.getMessage());
        });
    }
}
