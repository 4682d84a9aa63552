package io.quantsinfra.aws;

import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.error.NotFoundException;
import io.quantsinfra.core.error.OperationTimeoutException;
import io.quantsinfra.core.error.QuantsInfraException;
import io.quantsinfra.core.error.UpstreamException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Runs one AWS call and turns SDK failures into the project's exceptions, naming what was being done.
 * Error messages from AWS are kept to their first line: they never contain request bodies.
 */
public final class AwsErrors {
    private AwsErrors() {}

    /** Calls {@code call}; {@code doing} completes "could not ..." in messages. */
    public static <T> T call(String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (QuantsInfraException e) {
            throw e;
        } catch (ApiCallTimeoutException e) {
            throw new OperationTimeoutException("timed out trying to " + doing);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String msg = firstLine(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            if (code != null && (code.endsWith("NotFoundException") || code.equals("ResourceNotFoundException")
                    || code.equals("ServiceNotFoundException") || code.equals("NoSuchKey"))) {
                throw new NotFoundException("could not " + doing + ": " + msg);
            }
            if ("ConditionalCheckFailedException".equals(code) || "TransactionCanceledException".equals(code)) {
                throw new io.quantsinfra.core.error.ConflictException("could not " + doing
                        + ": it was changed at the same time by someone else; try again");
            }
            if (e.statusCode() == 400 && code != null && (code.contains("InvalidParameter") || code.equals("ValidationException"))) {
                throw new InvalidInputException("could not " + doing + ": " + msg);
            }
            throw new UpstreamException("could not " + doing + ": AWS answered " + e.statusCode()
                    + (code == null || code.isEmpty() ? "" : " " + code) + (msg.isEmpty() ? "" : " (" + msg + ")"), e);
        } catch (SdkClientException e) {
            throw new UpstreamException("could not " + doing + ": " + firstLine(e.getMessage()), e);
        } catch (SdkException e) {
            throw new UpstreamException("could not " + doing + ": " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String line = s.lines().findFirst().orElse("").trim();
        if (line.startsWith("<") || line.toLowerCase(java.util.Locale.ROOT).contains("<!doctype")) {
            return "an HTML error page";
        }
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
