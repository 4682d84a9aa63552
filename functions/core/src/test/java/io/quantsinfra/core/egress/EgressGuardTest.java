package io.quantsinfra.core.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EgressGuardTest {
    /** A fake DNS: names to addresses; anything else does not resolve. */
    static final Map<String, List<String>> DNS = Map.of(
            "hooks.example.com", List.of("93.184.216.34"),
            "rebind.example.com", List.of("93.184.216.34", "10.0.0.5"),
            "metadata.example.net", List.of("169.254.169.254"),
            "v6private.example.net", List.of("fd00:ec2::254"),
            "mapped.example.net", List.of("::ffff:127.0.0.1"),
            "cgnat.example.net", List.of("100.64.1.1"),
            "vpc.example.net", List.of("44.192.0.9"));

    static Resolver fake(List<String> asked) {
        return host -> {
            asked.add(host);
            List<String> a = DNS.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> out = new ArrayList<>();
            for (String s : a) {
                out.add(InetAddress.ofLiteral(s));
            }
            return out;
        };
    }

    static EgressGuard guard(String allow, String vpc) {
        return new EgressGuard(EgressPolicy.parse(allow, vpc), fake(new ArrayList<>()));
    }

    static Stream<Arguments> targets() {
        return Stream.of(
                Arguments.of("public IPv4 literal", "https://93.184.216.34/hook", "allowed"),
                Arguments.of("public name", "https://hooks.example.com/hook", "allowed"),
                Arguments.of("public IPv6 literal", "https://[2606:2800:220:1:248:1893:25c8:1946]/", "allowed"),
                Arguments.of("loopback IPv4", "http://127.0.0.1:9090/-/quit", "loopback"),
                Arguments.of("loopback elsewhere in 127/8", "http://127.3.4.5/", "loopback"),
                Arguments.of("loopback decimal spelling", "http://2130706433/", "loopback"),
                Arguments.of("loopback hex short spelling", "http://0x7f.1/", "loopback"),
                Arguments.of("loopback octal spelling", "http://0177.0.0.1/", "loopback"),
                Arguments.of("loopback two-part spelling", "http://127.1/", "loopback"),
                Arguments.of("loopback trailing dot", "http://127.0.0.1./", "loopback"),
                Arguments.of("loopback IPv6", "http://[::1]/", "loopback"),
                Arguments.of("loopback IPv4-mapped IPv6 dotted", "http://[::ffff:127.0.0.1]/", "loopback"),
                Arguments.of("loopback IPv4-mapped IPv6 hex", "http://[::ffff:7f00:1]/", "loopback"),
                Arguments.of("loopback IPv4-mapped long form", "http://[0:0:0:0:0:ffff:127.0.0.1]/", "loopback"),
                Arguments.of("loopback IPv4-compatible IPv6", "http://[::127.0.0.1]/", "loopback"),
                Arguments.of("loopback via NAT64 prefix", "http://[64:ff9b::7f00:1]/", "loopback"),
                Arguments.of("localhost name", "http://localhost:8080/", "loopback"),
                Arguments.of("localhost with trailing dot", "http://LOCALHOST./", "loopback"),
                Arguments.of("subdomain of localhost", "http://api.localhost/", "loopback"),
                Arguments.of("metadata service", "http://169.254.169.254/latest/meta-data/", "link-local"),
                Arguments.of("metadata decimal spelling", "http://2852039166/", "link-local"),
                Arguments.of("link-local IPv6 with zone", "http://[fe80::1%25eth0]/", "link-local"),
                Arguments.of("link-local IPv4-mapped", "http://[::ffff:169.254.169.254]/", "link-local"),
                Arguments.of("RFC 1918 10/8", "http://10.0.1.23:9090/-/quit", "private"),
                Arguments.of("RFC 1918 172.16/12", "http://172.31.255.1/", "private"),
                Arguments.of("RFC 1918 192.168/16", "http://192.168.1.1/", "private"),
                Arguments.of("private via 6to4", "http://[2002:c0a8:101::1]/", "private"),
                Arguments.of("unique local IPv6 (IMDS v6)", "http://[fd00:ec2::254]/", "private"),
                Arguments.of("CGNAT", "http://100.64.0.1/", "carrier-grade NAT"),
                Arguments.of("unspecified IPv4", "http://0.0.0.0:9090/", "unspecified"),
                Arguments.of("unspecified zero spelling", "http://0/", "unspecified"),
                Arguments.of("unspecified IPv6", "http://[::]/", "unspecified"),
                Arguments.of("multicast IPv4", "http://224.0.0.1/", "multicast"),
                Arguments.of("multicast IPv6", "http://[ff02::1]/", "multicast"),
                Arguments.of("broadcast", "http://255.255.255.255/", "reserved"),
                Arguments.of("name resolving to the metadata service", "http://metadata.example.net/", "link-local"),
                Arguments.of("name resolving to a unique local v6", "http://v6private.example.net/", "private"),
                Arguments.of("name resolving to mapped loopback", "http://mapped.example.net/", "loopback"),
                Arguments.of("name resolving to CGNAT", "http://cgnat.example.net/", "carrier-grade NAT"),
                Arguments.of("one of several addresses private", "http://rebind.example.com/", "private"),
                Arguments.of("name in the VPC's range", "http://vpc.example.net/", "VPC"),
                Arguments.of("single-label name", "http://zigquant:8080/api", "single-label"),
                Arguments.of("internal suffix", "http://ip-10-0-0-1.ec2.internal/", ".internal"),
                Arguments.of("public address in an odd spelling", "http://0x5d.0xb8.0xd8.0x22/", "a.b.c.d"),
                Arguments.of("invalid numeric host", "http://300.1.1.1/", "neither"),
                Arguments.of("ftp scheme", "ftp://93.184.216.34/", "http or https"),
                Arguments.of("file scheme", "file:///etc/passwd", "http or https"),
                Arguments.of("user info before a private host", "http://hooks.example.com@10.0.0.1/", "private"),
                Arguments.of("name that does not resolve", "https://nosuch.example.org/", "unresolved"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void check_refusesEveryNonPublicClass_inEverySpelling(String name, String url, String expected) {
        EgressGuard.Verdict v = guard("", "44.192.0.0/10").check(URI.create(url));
        switch (expected) {
            case "allowed" -> assertInstanceOf(EgressGuard.Verdict.Allowed.class, v, name);
            case "unresolved" -> assertInstanceOf(EgressGuard.Verdict.Unresolved.class, v, name);
            default -> {
                EgressGuard.Verdict.Refused r = assertInstanceOf(EgressGuard.Verdict.Refused.class, v, name);
                assertTrue(r.reason().contains(expected), name + ": " + r.reason());
                assertFalse(r.reason().contains(url) || r.reason().contains(".example."), "reason repeats the target: " + r.reason());
            }
        }
    }

    static Stream<Arguments> allowList() {
        return Stream.of(
                Arguments.of("loopback allowed by the loopback list", EgressPolicy.LOOPBACK, "http://127.0.0.1:8080/", true),
                Arguments.of("localhost needs both loopback families", "127.0.0.0/8", "http://localhost/", false),
                Arguments.of("localhost with both families", EgressPolicy.LOOPBACK, "http://localhost/", true),
                Arguments.of("mapped loopback allowed via its IPv4", "127.0.0.0/8", "http://[::ffff:127.0.0.1]/", true),
                Arguments.of("loopback list does not allow private", EgressPolicy.LOOPBACK, "http://10.0.0.1/", false),
                Arguments.of("loopback list does not allow metadata", EgressPolicy.LOOPBACK, "http://169.254.169.254/", false),
                Arguments.of("a relay subnet allowed explicitly", "10.20.3.0/24", "http://10.20.3.7/", true),
                Arguments.of("next subnet still refused", "10.20.3.0/24", "http://10.20.4.7/", false),
                Arguments.of("allow list wins over the VPC range", "44.192.0.9/32", "http://vpc.example.net/", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowList")
    void check_allowsOnlyWhatTheAllowListNames(String name, String allow, String url, boolean allowed) {
        assertEquals(allowed, guard(allow, "44.192.0.0/10").check(URI.create(url)).allowed(), name);
    }

    @Test
    void check_resolvesNamesOnly_neverIpLiterals() {
        List<String> asked = new ArrayList<>();
        EgressGuard g = new EgressGuard(EgressPolicy.strict(), fake(asked));
        g.check(URI.create("http://2130706433/"));
        g.check(URI.create("http://[::ffff:127.0.0.1]/"));
        g.check(URI.create("http://localhost/"));
        g.check(URI.create("https://hooks.example.com/x"));
        assertEquals(List.of("hooks.example.com"), asked);
    }

    static Stream<Arguments> cidrs() {
        return Stream.of(
                Arguments.of("IPv4 network", "10.0.0.0/16", true),
                Arguments.of("IPv6 network", "fd00::/8", true),
                Arguments.of("host without length", "192.0.2.1", true),
                Arguments.of("prefix too long", "10.0.0.0/33", false),
                Arguments.of("odd IPv4 spelling", "0x0a.0.0.0/8", false),
                Arguments.of("a name", "example.com/24", false),
                Arguments.of("no length digits", "10.0.0.0/x", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cidrs")
    void cidrParse_acceptsOnlyCanonicalNetworks(String name, String text, boolean ok) {
        boolean parsed;
        try {
            Cidr.parse(text);
            parsed = true;
        } catch (IllegalArgumentException e) {
            parsed = false;
            assertTrue(e.getMessage().contains(text), e.getMessage());
        }
        assertEquals(ok, parsed, name);
    }

    static Stream<Arguments> taskAddresses() {
        return Stream.of(
                Arguments.of("private task ENI", "10.0.1.23", true),
                Arguments.of("CGNAT-range VPC", "100.64.3.4", true),
                Arguments.of("loopback", "127.0.0.1", false),
                Arguments.of("metadata service", "169.254.169.254", false),
                Arguments.of("ECS task metadata endpoint", "169.254.170.2", false),
                Arguments.of("a name", "monitor.internal", false),
                Arguments.of("odd spelling", "2130706433", false),
                Arguments.of("unspecified", "0.0.0.0", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taskAddresses")
    void isTaskAddress_acceptsPlainTaskIpsOnly(String name, String address, boolean ok) {
        assertEquals(ok, Addresses.isTaskAddress(address), name);
    }
}
