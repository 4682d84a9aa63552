package io.quantsinfra.aws.ses;

import io.quantsinfra.aws.AwsErrors;
import io.quantsinfra.core.error.InvalidInputException;
import io.quantsinfra.core.notify.email.EmailSender;
import java.util.List;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.Body;
import software.amazon.awssdk.services.ses.model.Content;
import software.amazon.awssdk.services.ses.model.SesException;

/**
 * Sends alert email with SES SendEmail (the v1 API: SES v2's SDK module is not in the registry this project
 * builds from). The sender must be a verified identity; SES refusing a message (unverified sender, bad address)
 * is a permanent failure.
 */
public final class SesEmail implements EmailSender {
    private final SesClient ses;

    public SesEmail(SesClient ses) {
        this.ses = ses;
    }

    @Override
    public String send(String from, List<String> to, String subject, String text, String html) {
        Body.Builder body = Body.builder().text(Content.builder().data(text).charset("UTF-8").build());
        if (html != null) {
            body.html(Content.builder().data(html).charset("UTF-8").build());
        }
        try {
            return AwsErrors.call("send alert email to " + String.join(",", to), () -> ses.sendEmail(r -> r.source(from)
                    .destination(d -> d.toAddresses(to))
                    .message(m -> m.subject(Content.builder().data(subject).charset("UTF-8").build()).body(body.build())))
                    .messageId());
        } catch (io.quantsinfra.core.error.UpstreamException e) {
            if (e.getCause() instanceof SesException s && s.statusCode() == 400) {
                throw new InvalidInputException("SES refused the message from " + from + ": "
                        + (s.awsErrorDetails() == null ? s.getMessage() : s.awsErrorDetails().errorMessage()));
            }
            throw e;
        }
    }
}
