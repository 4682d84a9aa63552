package io.quantsinfra.core.servicemetrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET on its way: the body is read into memory only up to a limit (the exchange is cancelled past it), and
 * {@link #await} waits at most the timeout. Problems name the path and what happened, never a header or the body.
 */
final class BoundedGet {
    /** Text of a 2xx answer, or the problem. */
    record Answer(String text, String problem) {}

    private final String path;
    private final CompletableFuture<HttpResponse<byte[]>> sent;

    private BoundedGet(String path, CompletableFuture<HttpResponse<byte[]>> sent) {
        this.path = path;
        this.sent = sent;
    }

    String path() {
        return path;
    }

    static BoundedGet send(HttpClient client, URI uri, String path, Map<String, String> headers, Duration timeout, int maxBytes) {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("Accept", "application/json, text/plain");
        headers.forEach(r::header);
        return new BoundedGet(path, client.sendAsync(r.build(), info -> new Limited(maxBytes)));
    }

    static BoundedGet failed(String path, String problem) {
        return new BoundedGet(path, CompletableFuture.failedFuture(new Refused(problem)));
    }

    Answer await(Duration timeout) {
        try {
            HttpResponse<byte[]> r = sent.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            if (r.statusCode() < 200 || r.statusCode() >= 300) {
                return new Answer(null, path + " answered HTTP " + r.statusCode());
            }
            return new Answer(new String(r.body(), StandardCharsets.UTF_8), null);
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Answer(null, path + " gave no answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.cancel(true);
            return new Answer(null, path + ": interrupted");
        } catch (ExecutionException e) {
            return new Answer(null, path + " " + reason(e.getCause(), timeout));
        }
    }

    private static String reason(Throwable cause, Duration timeout) {
        return switch (cause) {
            case Refused r -> r.getMessage();
            case TooLarge t -> t.getMessage();
            case HttpTimeoutException t -> "gave no answer within " + timeout.toMillis() + " ms";
            case ConnectException c -> "refused the connection";
            case IOException io when io.getCause() instanceof TooLarge t -> t.getMessage();
            case IOException io -> "failed: " + io.getClass().getSimpleName();
            default -> "failed: " + cause.getClass().getSimpleName();
        };
    }

    /** A request that could not be built. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** An answer over the body limit. */
    private static final class TooLarge extends IOException {
        TooLarge(int max) {
            super("answered more than " + max + " bytes");
        }
    }

    /** Collects at most {@code max} bytes, cancelling the subscription past it. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (buffer.size() + b.remaining() > max) {
                    subscription.cancel();
                    body.completeExceptionally(new TooLarge(max));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buffer.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            body.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            body.complete(buffer.toByteArray());
        }
    }
}
