package io.quantsinfra.cli.http;

import java.net.URI;
import java.util.Map;

/** Adds authentication headers to a request. */
public interface RequestSigner {
    /** Returns the headers to send: {@code headers} plus whatever authenticates the request. */
    Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body);

    /** For local mode: nothing to add. */
    RequestSigner NONE = (method, uri, headers, body) -> headers;
}
