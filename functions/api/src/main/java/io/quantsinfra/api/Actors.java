package io.quantsinfra.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.regex.Pattern;

/**
 * Who made a request, for the deployment history: on AWS the IAM principal that API Gateway
 * authenticated; in local mode the {@code X-Quants-Infra-Actor} header the CLI sends (the OS user).
 */
public final class Actors {
    public static final String HEADER = "X-Quants-Infra-Actor";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9@._:/+=,-]{1,128}");

    private Actors() {}

    public static String of(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayV2HTTPEvent event
                && event.getRequestContext() != null && event.getRequestContext().getAuthorizer() != null
                && event.getRequestContext().getAuthorizer().getIam() != null) {
            String arn = event.getRequestContext().getAuthorizer().getIam().getUserArn();
            if (arn != null) {
                return arn;
            }
        }
        String header = request.getHeaders().get(HEADER);
        return header != null && SANE.matcher(header).matches() ? header : "anonymous";
    }
}
