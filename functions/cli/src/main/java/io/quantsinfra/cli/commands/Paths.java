package io.quantsinfra.cli.commands;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths with user-given parts percent-encoded, so an id can never change the path. */
final class Paths {
    private Paths() {}

    static String segment(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
