package io.quantsinfra.core.health;

import java.time.Instant;
import java.util.Objects;

/**
 * What happened when one health endpoint was probed. A closed set: the rules switch over it.
 *
 * {@snippet :
 * ProbeResult r = new ProbeResult.Answered(200, 35, lastProcess, null);
 * boolean fine = r instanceof ProbeResult.Answered a && a.ok();
 * }
 */
public sealed interface ProbeResult {

    /**
     * Nothing was sent, e.g. {@code no running task has a reachable address} (always the case in
     * local mode, where the emulator runs no containers). The rules never turn this into health.
     *
     * @param reason why no request was made
     */
    record NotProbed(String reason) implements ProbeResult {
        public NotProbed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The endpoint answered with an HTTP status.
     *
     * @param httpStatus HTTP status code
     * @param latencyMs time from sending the request to having read the body
     * @param lastProcess Freqtrade's {@code last_process_ts} when the endpoint is read as
     *     {@link HealthEndpoint.Reading#FREQTRADE_LAST_PROCESS} and the body carries it, else {@code null}
     * @param bodyProblem why a 2xx body does not satisfy the endpoint's reading (e.g.
     *     {@code the metrics page has no samples}), or {@code null} when it does
     */
    record Answered(int httpStatus, long latencyMs, Instant lastProcess, String bodyProblem) implements ProbeResult {

        /** A 2xx answer whose body satisfies the endpoint's reading. */
        public boolean ok() {
            return success() && bodyProblem == null;
        }

        /** Whether the HTTP status is 2xx. */
        public boolean success() {
            return httpStatus >= 200 && httpStatus < 300;
        }
    }

    /**
     * No answer within the timeout.
     *
     * @param timeoutMs the timeout that elapsed
     */
    record TimedOut(long timeoutMs) implements ProbeResult {
    }

    /**
     * The request could not be completed: connection refused, reset, no route, bad address.
     *
     * @param reason what failed, e.g. {@code connection refused}
     */
    record Failed(String reason) implements ProbeResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
