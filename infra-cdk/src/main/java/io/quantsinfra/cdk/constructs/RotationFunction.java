package io.quantsinfra.cdk.constructs;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Permission;
import software.constructs.Construct;

/**
 * The Secrets Manager rotation function for the secrets quants-infra generates: a {@link SnapStartFunction}
 * that Secrets Manager, and only this account's, may invoke (through the alias).
 */
public final class RotationFunction extends Construct {
    private final SnapStartFunction function;

    public RotationFunction(Construct scope, String id, SnapStartFunction.Props props) {
        super(scope, id);
        function = new SnapStartFunction(this, "Function", props);
        function.alias().addPermission("SecretsManagerInvoke", Permission.builder()
                .principal(new ServicePrincipal("secretsmanager.amazonaws.com"))
                .action("lambda:InvokeFunction")
                .sourceAccount(Aws.ACCOUNT_ID)
                .build());
    }

    public SnapStartFunction function() {
        return function;
    }
}
