package io.quantsinfra.cli.http;

import io.quantsinfra.cli.CliException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where the CLI sends its requests, and how: to a loopback host (local mode) unsigned over http or https; to
 * anything else signed with SigV4 and only over https.
 *
 * <p>Loopback is decided on the host as written, never by resolving it: {@code localhost}, an IPv4 literal in
 * {@code 127.0.0.0/8} in dotted-quad form, or the IPv6 literal {@code [::1]}. Names that merely look like one
 * ({@code 127.evil.com}, {@code 127.0.0.1.nip.io}) are ordinary hosts and get https and a signature.
 *
 * {@snippet :
 * ApiEndpoint e = ApiEndpoint.parse("http://127.0.0.1:8080"); // e.loopback() == true
 * }
 */
public record ApiEndpoint(URI uri, boolean loopback) {
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\." + OCTET + "){3}");

    /** Checks {@code url}; a bad one is a {@link CliException} with one readable line. */
    public static ApiEndpoint parse(String url, String defaultUrl) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CliException(CliException.INVALID, "--endpoint is not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new CliException(CliException.INVALID, "--endpoint must be an http(s) URL like " + defaultUrl + ", got " + url);
        }
        boolean loopback = isLoopbackHost(uri.getHost());
        if (!loopback && scheme.equals("http")) {
            throw new CliException(CliException.INVALID, "refusing to send requests to " + url + " over plain http: only "
                    + "localhost, 127.0.0.0/8 and [::1] may use http; use https");
        }
        return new ApiEndpoint(uri, loopback);
    }

    /** Whether {@code host} (as {@link URI#getHost()} gives it, IPv6 in brackets) is a loopback host. */
    public static boolean isLoopbackHost(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost") || LOOPBACK_IPV4.matcher(host).matches()) {
            return true;
        }
        if (host.length() > 2 && host.startsWith("[") && host.endsWith("]")) {
            try {
                // A literal only: ofLiteral never looks a name up.
                return InetAddress.ofLiteral(host.substring(1, host.length() - 1)) instanceof java.net.Inet6Address a
                        && a.isLoopbackAddress();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
