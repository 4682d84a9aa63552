package io.quantsinfra.api.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Local mode answers only requests addressed to its own loopback listener, and no cross-origin changes. */
class LocalRequestGuardTest {
    private final LocalRequestGuard guard = new LocalRequestGuard(8080);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            the CLI's request                    | POST   | /v1/secrets/actions/reveal | 127.0.0.1:8080    | -                      | answered
            localhost                            | GET    | /v1/status                 | localhost:8080    | -                      | answered
            localhost in capitals                | GET    | /v1/status                 | LOCALHOST:8080    | -                      | answered
            IPv6 loopback                        | DELETE | /v1/services/x             | [::1]:8080        | -                      | answered
            the site on the same origin          | POST   | /v1/services/x/deploy      | 127.0.0.1:8080    | http://127.0.0.1:8080  | answered
            a cross-origin read of the status    | GET    | /v1/status                 | 127.0.0.1:8080    | http://evil.example    | answered
            a rebinding page                     | POST   | /v1/secrets/actions/reveal | evil.example:8080 | -                      | Host header
            a rebinding page reading             | GET    | /v1/status                 | evil.example:8080 | http://evil.example:8080 | Host header
            a name starting with 127.            | GET    | /v1/status                 | 127.evil.com:8080 | -                      | Host header
            the right host on another port       | GET    | /v1/status                 | 127.0.0.1:9999    | -                      | Host header
            no port                              | GET    | /v1/status                 | 127.0.0.1         | -                      | Host header
            no Host header                       | GET    | /v1/status                 | -                 | -                      | Host header
            a cross-origin POST                  | POST   | /v1/services/x/scale       | 127.0.0.1:8080    | http://evil.example    | cross-origin
            a cross-origin secret list           | GET    | /v1/secrets                | 127.0.0.1:8080    | http://evil.example    | cross-origin
            a cross-origin secret read, odd path | GET    | //v1//Secrets/binance      | 127.0.0.1:8080    | http://evil.example    | cross-origin
            an opaque origin                     | PUT    | /v1/secrets/k              | 127.0.0.1:8080    | null                   | cross-origin
            loopback on another port             | DELETE | /v1/services/x             | 127.0.0.1:8080    | http://127.0.0.1:3000  | cross-origin
            https loopback origin                | POST   | /v1/alerts/silences        | 127.0.0.1:8080    | https://127.0.0.1:8080 | cross-origin
            """)
    void refusal_namesWhyARequestIsNotAnswered(String name, String method, String path, String host, String origin,
                                               String expected) {
        String got = guard.refusal(method, path, host, origin)
                .map(r -> r.contains("Host header") ? "Host header" : r.contains("cross-origin") ? "cross-origin" : r)
                .orElse("answered");

        assertEquals(expected, got, name);
    }
}
