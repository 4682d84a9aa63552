package io.quantsinfra.scheduled;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A scheduled cycle's deadline comes from the invocation's remaining time, less a margin for what follows it. */
class InvocationDeadlineTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A Lambda context that knows only its remaining time. */
    record Remaining(int millis) implements Context {
        public int getRemainingTimeInMillis() {
            return millis;
        }

        public String getAwsRequestId() {
            return "req";
        }

        public String getLogGroupName() {
            return null;
        }

        public String getLogStreamName() {
            return null;
        }

        public String getFunctionName() {
            return "AlertEvaluation";
        }

        public String getFunctionVersion() {
            return "$LATEST";
        }

        public String getInvokedFunctionArn() {
            return null;
        }

        public CognitoIdentity getIdentity() {
            return null;
        }

        public ClientContext getClientContext() {
            return null;
        }

        public int getMemoryLimitInMB() {
            return 512;
        }

        public LambdaLogger getLogger() {
            return null;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fresh invocation of the 60 s function", new Remaining(59_800), Duration.ofMillis(49_800)),
                Arguments.of("no context: the CDK's 60 s timeout", null, Duration.ofSeconds(50)),
                Arguments.of("started late: what is left, less the margin", new Remaining(20_000), Duration.ofSeconds(10)),
                Arguments.of("almost out of time: the floor", new Remaining(3_000), InvocationDeadline.FLOOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deadline_isTheRemainingTimeLessTheMargin(String name, Context context, Duration expected) {
        assertEquals(NOW.plus(expected), InvocationDeadline.of(CLOCK, context));
    }
}
