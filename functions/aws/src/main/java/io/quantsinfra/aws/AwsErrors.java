package io.quantsinfra.aws;

import io.quantsinfra.core.error.ConflictException;
import io.quantsinfra.core.error.OperationTimeoutException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.error.UpstreamException;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS call and turns SDK failures into the project's exceptions, naming what was being done.
 *
 * <p>Input is validated before any call, and adapters handle "not found" for what a user named themselves
 * (a secret, an instance), so an AWS error here means AWS or the control plane's configuration failed: 502,
 * or 504 for a timeout. Only races are the caller's to retry: 409 for a lost conditional write or a service
 * ECS is still draining. Messages keep AWS's first line (never a request body).
 */
public final class AwsErrors {
    private AwsErrors() {}

    /** Calls {@code call}; {@code doing} completes "could not ..." in messages. */
    public static <T> T call(String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (QuantsInfraException e) {
            throw e;
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new OperationTimeoutException("timed out trying to " + doing);
        } catch (AwsServiceException e) {
            throw service(doing, e);
        } catch (SdkException e) {
            if (hasCause(e, SocketTimeoutException.class)) {
                throw new OperationTimeoutException("timed out trying to " + doing);
            }
            throw new UpstreamException("could not " + doing + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static QuantsInfraException service(String doing, AwsServiceException e) {
        String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
        String msg = firstLine(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
        String lower = msg.toLowerCase(Locale.ROOT);
        if (code.equals("ConditionalCheckFailedException") || code.equals("TransactionCanceledException")) {
            return new ConflictException("could not " + doing + ": it was changed at the same time by someone else; try again");
        }
        if (code.equals("ServiceNotActiveException") || lower.contains("draining") || lower.contains("not idempotent")) {
            return new ConflictException("could not " + doing + ": ECS is still removing an earlier service of that name; "
                    + "try again in a minute");
        }
        if (e.statusCode() == 429 || code.contains("Throttl")) {
            return new UpstreamException("could not " + doing + ": AWS is throttling requests (" + code + "); try again shortly", e);
        }
        String hint = code.endsWith("NotFoundException") || code.equals("NoSuchBucket")
                ? " — check the control plane's configuration (cluster, table, bucket)"
                : code.contains("AccessDenied") || code.equals("UnauthorizedOperation") ? " — the control plane's role lacks a permission" : "";
        return new UpstreamException("could not " + doing + ": AWS answered " + e.statusCode()
                + (code.isEmpty() ? "" : " " + code) + (msg.isEmpty() ? "" : " (" + msg + ")") + hint, e);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("").trim();
        if (line.startsWith("<") || line.toLowerCase(Locale.ROOT).contains("<!doctype")) {
            return "an HTML error page";
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
