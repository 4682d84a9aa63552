package io.quantsinfra.benchmarks.coldstart;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import java.net.URI;
import java.util.List;

/**
 * Prepares the emulated account at {@code args[0]} (as local mode does) and prints the API's settings as
 * {@code NAME=value} lines, which {@code cold-start.sh} exports before the timed runs. Run once, untimed.
 */
public final class PrepareAccount {
    private PrepareAccount() {}

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PrepareAccount EMULATOR_URL");
            System.exit(2);
        }
        List<String> services = ServiceCatalog.standard().all().stream().map(ServiceType::name).toList();
        AwsSettings settings = LocalAccount.prepare(URI.create(args[0]), services);
        settings.toEnvironment().forEach((k, v) -> System.out.println(k + "=" + v));
    }
}
