package io.quantsinfra.cdk.stacks;

import io.quantsinfra.cdk.config.LogRetention;
import io.quantsinfra.cdk.constructs.ConsoleAuth;
import io.quantsinfra.cdk.constructs.ConsoleRoutes;
import io.quantsinfra.cdk.constructs.IamHttpApi;
import io.quantsinfra.cdk.constructs.StaticSite;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.deployment.BucketDeployment;
import software.amazon.awscdk.services.s3.deployment.Source;
import software.constructs.Construct;

/**
 * The ops console on AWS: its sign-in ({@link ConsoleAuth}) and the {@code console-config.json} it reads, written
 * into the site's bucket next to the pages. A stack of its own because it needs both the site (where the file
 * goes) and the API (whose URL and route ARNs it names), while the API's CORS already needs the site's origin.
 */
public final class ConsoleStack extends Stack {
    /** The file the console reads at {@code /console-config.json}; the site's own upload leaves it alone. */
    public static final String CONFIG_FILE = StaticSite.CONSOLE_CONFIG;

    private final ConsoleAuth auth;

    /**
     * @param stack the stack's own props
     * @param name prefix of the pools' names
     * @param site where the config file goes
     * @param api the API the console signs its requests for
     * @param routes the console's routes ({@link ConsoleRoutes#read})
     * @param logRetention retention of the upload function's logs
     * @param removal what {@code cdk destroy} does to the user pool
     */
    public record Props(StackProps stack, String name, StaticSite site, IamHttpApi api, List<ConsoleRoutes.Route> routes,
                        LogRetention logRetention, RemovalPolicy removal) {
    }

    public ConsoleStack(Construct scope, String id, Props props) {
        super(scope, id, props.stack());
        auth = new ConsoleAuth(this, "ConsoleAuth", new ConsoleAuth.Props(props.name(), props.api().api(), props.routes(),
                props.removal()));
        // Ids and URLs only: the app client has no secret, and the credentials come from the identity pool at sign-in.
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mode", "aws");
        config.put("apiUrl", props.api().api().getApiEndpoint());
        config.put("region", getRegion());
        config.put("userPoolId", auth.userPool().getUserPoolId());
        config.put("userPoolClientId", auth.client().getUserPoolClientId());
        config.put("identityPoolId", auth.identityPool().getRef());
        LogGroup logs = LogGroup.Builder.create(this, "ConfigDeploymentLogs").retention(props.logRetention().retentionDays())
                .removalPolicy(props.removal()).build();
        BucketDeployment deployment = BucketDeployment.Builder.create(this, "Config")
                .sources(List.of(Source.jsonData(CONFIG_FILE, config)))
                .destinationBucket(props.site().bucket().bucket())
                .distribution(props.site().distribution())
                .distributionPaths(List.of("/" + CONFIG_FILE))
                .prune(false)
                .memoryLimit(256)
                .logGroup(logs)
                .build();
        StaticSite.acknowledgeDeploymentHandler(this, deployment);
        CfnOutput.Builder.create(this, "UserPoolId").value(auth.userPool().getUserPoolId())
                .description("Operators' logins: aws cognito-idp admin-create-user --user-pool-id <this>").build();
        CfnOutput.Builder.create(this, "IdentityPoolId").value(auth.identityPool().getRef()).build();
    }

    public ConsoleAuth auth() {
        return auth;
    }
}
