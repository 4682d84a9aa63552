package io.quantsinfra.cli.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.cli.CliException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loopback is decided on the host as written: exact names and IP literals, never a prefix or a lookup. */
class ApiEndpointTest {
    private static final String DEFAULT = "http://127.0.0.1:8080";

    @ParameterizedTest(name = "{0}: {1} → loopback {2}")
    @CsvSource(delimiter = '|', textBlock = """
            local mode default          | http://127.0.0.1:8080                  | true
            localhost                   | http://localhost:8080                  | true
            localhost in capitals       | http://LOCALHOST:8080                  | true
            anywhere in 127/8           | http://127.255.0.254:8080              | true
            IPv6 loopback               | http://[::1]:8080                      | true
            IPv6 loopback in full       | http://[0:0:0:0:0:0:0:1]:8080          | true
            https to loopback           | https://127.0.0.1:8443                 | true
            a name starting with 127.   | https://127.evil.com                   | false
            a 127 address as a subdomain| https://127.0.0.1.nip.io               | false
            localhost as a subdomain    | https://localhost.evil.com             | false
            leading zeros               | https://127.0.0.01                     | false
            another private address     | https://10.0.0.1                       | false
            IPv6 other than ::1         | https://[::2]                          | false
            IPv4-mapped loopback        | https://[::ffff:127.0.0.1]             | false
            userinfo naming loopback    | https://127.0.0.1@evil.example         | false
            API Gateway                 | https://abc123.execute-api.us-east-1.amazonaws.com | false
            """)
    void parse_decidesLoopbackOnTheLiteralHost(String name, String url, boolean loopback) {
        assertEquals(loopback, ApiEndpoint.parse(url, DEFAULT).loopback(), name);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a name starting with 127.   | http://127.evil.com:8080               | over plain http
            a 127 address as a subdomain| http://127.0.0.1.nip.io:8080           | over plain http
            short form 127.1            | https://127.1:8080                     | must be an http(s) URL
            an octet over 255           | https://127.0.0.256                    | must be an http(s) URL
            trailing dot                | https://127.0.0.1.                     | must be an http(s) URL
            another private address     | http://10.0.0.1:8080                   | over plain http
            userinfo naming loopback    | http://127.0.0.1@evil.example:8080     | over plain http
            not http at all             | ftp://127.0.0.1                        | must be an http(s) URL
            no host                     | http:///v1                             | must be an http(s) URL
            not a URL                   | http://exa mple                        | is not a URL
            """)
    void parse_refusesPlainHttpToAnyOtherHost_inOneLine(String name, String url, String reason) {
        CliException e = assertThrows(CliException.class, () -> ApiEndpoint.parse(url, DEFAULT), name);

        assertEquals(CliException.INVALID, e.exitCode());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
