package io.quantsinfra.core.secret;

import io.quantsinfra.core.error.InvalidInputException;
import java.util.Arrays;

/** The four steps Secrets Manager calls a rotation function with, in order. */
public enum RotationStep {
    CREATE_SECRET("createSecret"),
    SET_SECRET("setSecret"),
    TEST_SECRET("testSecret"),
    FINISH_SECRET("finishSecret");

    private final String wireName;

    RotationStep(String wireName) {
        this.wireName = wireName;
    }

    /** The step as the rotation event's {@code Step} spells it. */
    public String wireName() {
        return wireName;
    }

    /** Parses the event's {@code Step}; InvalidInputException naming the four for anything else. */
    public static RotationStep parse(String step) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(step)).findFirst().orElseThrow(() ->
                new InvalidInputException("Step", "unknown rotation step '" + (step == null ? "" : step.length() > 40
                        ? step.substring(0, 40) + "…" : step) + "'; expected createSecret, setSecret, testSecret or finishSecret"));
    }
}
