package io.quantsinfra.aws;

import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.testing.emulator.AwsEmulator;
import java.util.List;

/** An emulated account prepared like local mode, with clients for it. */
public final class EmulatedAccount {
    private EmulatedAccount() {}

    public static AwsClients prepare(AwsEmulator aws) {
        return prepare(aws, null);
    }

    /** Prepares the account; the returned clients report their calls to {@code recorder} when it is given. */
    public static AwsClients prepare(AwsEmulator aws, AwsCallRecorder recorder) {
        aws.reset();
        AwsSettings settings = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector", "monitor"));
        return new AwsClients(settings, recorder == null ? List.of() : List.of(recorder));
    }
}
