package io.quantsinfra.core.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the control plane may send to a URL a user configured. Only {@code http} and {@code https};
 * the host — an IP literal in any spelling, a name such as {@code localhost}, or every address a name resolves
 * to — must be public unless the {@link EgressPolicy} allows it. Reasons never contain the URL or the host
 * (a URL read from a secret may carry a token): callers add what they may show.
 *
 * {@snippet :
 * EgressGuard guard = new EgressGuard(EgressPolicy.strict(), Resolver.SYSTEM);
 * guard.check(URI.create("http://169.254.169.254/latest/meta-data/"));   // Refused: a link-local address
 * }
 */
public final class EgressGuard {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "localhost.localdomain", "ip6-localhost",
            "ip6-loopback");
    private static final List<String> INTERNAL_SUFFIXES = List.of(".internal", ".local", ".localdomain", ".home.arpa",
            ".intranet", ".lan", ".corp", ".arpa");
    private static final List<byte[]> LOOPBACK = List.of(new byte[] {127, 0, 0, 1}, IpLiterals.parse("::1").orElseThrow());

    private final EgressPolicy policy;
    private final Resolver resolver;

    public EgressGuard(EgressPolicy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /** Public targets only, resolved by the system resolver. */
    public static EgressGuard strict() {
        return new EgressGuard(EgressPolicy.strict(), Resolver.SYSTEM);
    }

    public EgressPolicy policy() {
        return policy;
    }

    /** The outcome of a check. */
    public sealed interface Verdict {
        /** Every address the target has is allowed. */
        record Allowed() implements Verdict {}

        /** Will never be allowed as configured; {@code reason} completes "the target …", e.g. "is a loopback address". */
        record Refused(String reason) implements Verdict {}

        /** The name does not resolve now: a failure worth retrying at send time, a warning when applied. */
        record Unresolved(String reason) implements Verdict {}

        default boolean allowed() {
            return this instanceof Allowed;
        }
    }

    /** Checks {@code uri}: the scheme, the host as written, and (for a name) every address it resolves to. */
    public Verdict check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return new Verdict.Refused("is not http or https (only those are sent to)");
        }
        String host = host(uri);
        if (host == null || host.isEmpty()) {
            return new Verdict.Refused("has no host");
        }
        Optional<byte[]> ip = IpLiterals.parse(host);
        if (ip.isPresent()) {
            Verdict v = judge(List.of(ip.get()), "its host is");
            boolean oddSpelling = ip.get().length == 4 && !IpLiterals.isCanonicalIpv4(host);
            return v.allowed() && oddSpelling
                    ? new Verdict.Refused("spells an IPv4 address in a form resolvers disagree on; write it as a.b.c.d")
                    : v;
        }
        if (IpLiterals.looksNumeric(host) || host.contains(":") || host.contains("%")) {
            return new Verdict.Refused("has a host that is neither a valid IP address nor a host name");
        }
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost")) {
            return judge(LOOPBACK, "its host is");
        }
        if (!name.contains(".")) {
            return new Verdict.Refused("has a single-label host name, which only an internal resolver answers "
                    + "(search domains); write the fully qualified name");
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (name.endsWith(suffix)) {
                return new Verdict.Refused("has a host name under " + suffix + ", which names internal hosts");
            }
        }
        return resolved(host);
    }

    private Verdict resolved(String host) {
        List<byte[]> addresses = new ArrayList<>();
        try {
            for (InetAddress a : resolver.resolve(host)) {
                addresses.add(a.getAddress());
            }
        } catch (UnknownHostException e) {
            return new Verdict.Unresolved("has a host name that does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Unresolved("has a host name that does not resolve");
        }
        return judge(addresses, "its host resolves to");
    }

    private Verdict judge(List<byte[]> addresses, String verb) {
        for (byte[] a : addresses) {
            if (policy.allows(a)) {
                continue;
            }
            AddressClass c = Addresses.classify(a, policy.vpc());
            if (c != AddressClass.PUBLIC) {
                return new Verdict.Refused(verb + " " + c.description() + ", which the outbound guard refuses "
                        + "(allow a range explicitly with QUANTS_INFRA_EGRESS_ALLOW)");
            }
        }
        return new Verdict.Allowed();
    }

    /** The host as the authority spells it: without user info and port, brackets kept for IPv6. */
    static String host(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String a = authority.substring(authority.lastIndexOf('@') + 1);
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            return end < 0 ? null : a.substring(0, end + 1);
        }
        int colon = a.lastIndexOf(':');
        return colon < 0 ? a : a.substring(0, colon);
    }
}
