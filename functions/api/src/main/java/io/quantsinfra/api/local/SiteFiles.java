package io.quantsinfra.api.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built docs site ({@code site/dist}) as local mode serves it on the API's own origin, the way CloudFront
 * serves it on AWS: clean URLs ({@code /runbooks/instance-down} is {@code runbooks/instance-down.html}), the
 * site's {@code 404.html} for anything missing, and the same kind of Content-Security-Policy (inline scripts
 * allowed by their hashes only, API calls to the same origin only).
 *
 * {@snippet :
 * SiteFiles site = SiteFiles.at(Path.of("site/dist")).orElseThrow();
 * SiteFiles.Answer a = site.answer("/runbooks/instance-down"); // 200, text/html, runbooks/instance-down.html
 * }
 */
public final class SiteFiles {
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", Pattern.DOTALL);
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("xml", "application/xml"),
            Map.entry("webmanifest", "application/manifest+json"), Map.entry("yml", "text/plain; charset=utf-8"));

    private final Path root;
    private final String csp;

    /** One answer: status, content type, body, and the headers every site answer carries. */
    public record Answer(int status, String contentType, byte[] body, Map<String, String> headers) {}

    private SiteFiles(Path root, String csp) {
        this.root = root;
        this.csp = csp;
    }

    /** The site built into {@code dir}, if it holds one (an {@code index.html}). */
    public static Optional<SiteFiles> at(Path dir) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            return Optional.empty();
        }
        return Optional.of(new SiteFiles(root, contentSecurityPolicy(root)));
    }

    public Path root() {
        return root;
    }

    /** Whether a GET or HEAD of {@code path} is the site's rather than the API's. */
    public static boolean isSitePath(String path) {
        String p = path == null ? "/" : path.toLowerCase(Locale.ROOT);
        return !(p.equals("/v1") || p.startsWith("/v1/") || p.equals("/health") || p.startsWith("/health/")
                || p.equals("/openapi.yml"));
    }

    /** The file {@code path} names (clean URLs), or the 404 page. */
    public Answer answer(String rawPath) {
        Optional<Path> file = resolve(rawPath);
        try {
            if (file.isPresent()) {
                return new Answer(200, type(file.get()), Files.readAllBytes(file.get()), headers(file.get()));
            }
            Path notFound = root.resolve("404.html");
            byte[] body = Files.isRegularFile(notFound) ? Files.readAllBytes(notFound)
                    : "<!doctype html><title>Not found</title><p>Not found</p>".getBytes(StandardCharsets.UTF_8);
            return new Answer(404, TYPES.get("html"), body, headers(notFound));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Content-Security-Policy the site is served with. */
    public String contentSecurityPolicy() {
        return csp;
    }

    Optional<Path> resolve(String rawPath) {
        String path = rawPath == null || rawPath.isEmpty() ? "/" : java.net.URLDecoder.decode(
                rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        if (path.contains("\0") || path.contains("\\")) {
            return Optional.empty();
        }
        String rel = path.replaceAll("/{2,}", "/").replaceFirst("^/", "");
        List<String> candidates = new ArrayList<>();
        if (rel.isEmpty() || rel.endsWith("/")) {
            candidates.add(rel + "index.html");
        } else {
            candidates.add(rel);
            candidates.add(rel + ".html");
            candidates.add(rel + "/index.html");
        }
        for (String c : candidates) {
            Path f = root.resolve(c).normalize();
            // Never outside the site: ../ and symbolic links out of it are refused.
            if (!f.startsWith(root) || !Files.isRegularFile(f)) {
                continue;
            }
            try {
                if (f.toRealPath().startsWith(root.toRealPath())) {
                    return Optional.of(f);
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Map<String, String> headers(Path file) {
        String name = file.getFileName().toString();
        // Hashed assets never change under their name; pages may change with every build.
        String cache = file.startsWith(root.resolve("assets")) ? "public, max-age=31536000, immutable" : "no-cache";
        return Map.of("Content-Security-Policy", csp, "X-Content-Type-Options", "nosniff",
                "X-Frame-Options", "DENY", "Referrer-Policy", "strict-origin-when-cross-origin", "Cache-Control",
                name.endsWith(".html") ? "no-cache" : cache);
    }

    private static String type(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream"
                : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    /**
     * Same-origin everything; the generator's inline scripts (dark-mode check, platform class) by hash, so no
     * other inline script runs. Inline styles are allowed: the code highlighter colours tokens with style
     * attributes, and a style cannot run code.
     */
    static String contentSecurityPolicy(Path root) {
        return "default-src 'self'; script-src 'self'" + String.join("", scriptHashes(root).stream().map(h -> " '" + h + "'").toList())
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
    }

    /** {@code sha256-…} of every inline script in the site's pages (they are the same on every page). */
    static Set<String> scriptHashes(Path root) {
        Set<String> hashes = new LinkedHashSet<>();
        for (String page : List.of("index.html", "404.html")) {
            Path f = root.resolve(page);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                Matcher m = INLINE_SCRIPT.matcher(Files.readString(f));
                while (m.find()) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                    hashes.add("sha256-" + Base64.getEncoder().encodeToString(digest));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return hashes;
    }
}
