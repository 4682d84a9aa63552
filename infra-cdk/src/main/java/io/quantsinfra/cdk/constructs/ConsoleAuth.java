package io.quantsinfra.cdk.constructs;

import io.quantsinfra.cdk.QuantsInfraCdkException;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.AutoVerifiedAttrs;
import software.amazon.awscdk.services.cognito.CfnIdentityPool;
import software.amazon.awscdk.services.cognito.CfnIdentityPoolRoleAttachment;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.StandardAttribute;
import software.amazon.awscdk.services.cognito.StandardAttributes;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.iam.FederatedPrincipal;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * Who may use the ops console on AWS: a Cognito user pool of operators (no self sign-up: an administrator creates
 * each login, and the first sign-in must replace the temporary password; TOTP MFA optional), an app client without
 * a secret for the browser (USER_PASSWORD_AUTH and refresh only, no OAuth), and an identity pool that trades the
 * pool's ID token for temporary credentials of a role that may only {@code execute-api:Invoke} the console's routes
 * (no unauthenticated identities, no classic flow).
 *
 * {@snippet :
 * ConsoleAuth auth = new ConsoleAuth(this, "ConsoleAuth", new ConsoleAuth.Props("quants-infra", httpApi.api(),
 *         ConsoleRoutes.read(root.resolve(ConsoleRoutes.FILE)), RemovalPolicy.RETAIN));
 * }
 */
public final class ConsoleAuth extends Construct {
    /** The API stage the routes are invoked on (IamHttpApi's only stage). */
    static final String STAGE = "$default";

    private final UserPool userPool;
    private final UserPoolClient client;
    private final CfnIdentityPool identityPool;
    private final Role operatorRole;

    /**
     * @param name prefix of the pools' names
     * @param api the IAM-authorized API the console calls
     * @param routes the console's routes: the only ones the signed-in operator's role may invoke
     * @param removal what {@code cdk destroy} does to the user pool (RETAIN also turns on deletion protection)
     */
    public record Props(String name, HttpApi api, List<ConsoleRoutes.Route> routes, RemovalPolicy removal) {
        public Props {
            if (routes == null || routes.isEmpty()) {
                throw new QuantsInfraCdkException("the console needs at least one route to invoke");
            }
            routes = List.copyOf(routes);
        }
    }

    public ConsoleAuth(Construct scope, String id, Props props) {
        super(scope, id);
        userPool = UserPool.Builder.create(this, "Operators")
                .userPoolName(props.name() + "-operators")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().username(true).email(true).build())
                .signInCaseSensitive(false)
                .standardAttributes(StandardAttributes.builder()
                        .email(StandardAttribute.builder().required(true).mutable(true).build()).build())
                .autoVerify(AutoVerifiedAttrs.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(14).requireLowercase(true).requireUppercase(true)
                        .requireDigits(true).requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
                .mfa(Mfa.OPTIONAL)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(props.removal() == RemovalPolicy.RETAIN)
                .removalPolicy(props.removal())
                .build();
        Nag.acknowledge(userPool, "AwsSolutions-COG2", "MFA is optional (TOTP, no SMS): operators enrol an authenticator "
                + "as docs/console.md says and the console answers the TOTP challenge; the signed-in role can only invoke "
                + "the console's read and silence routes, never deploy, scale or read secrets.");
        Nag.acknowledge(userPool, "AwsSolutions-COG3", "Threat protection needs the Plus feature plan (billed per "
                + "active user); a pool of a few admin-created operators with a 14-character password policy and "
                + "optional TOTP does not warrant it.");

        client = userPool.addClient("Console", UserPoolClientOptions.builder()
                .userPoolClientName("console")
                .generateSecret(false)
                .authFlows(AuthFlow.builder().userPassword(true).build())
                .disableOAuth(true)
                .preventUserExistenceErrors(true)
                .enableTokenRevocation(true)
                .idTokenValidity(Duration.hours(1))
                .accessTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.hours(12))
                .build());

        identityPool = CfnIdentityPool.Builder.create(this, "Identities")
                .identityPoolName(props.name().replace('-', '_') + "_console")
                .allowUnauthenticatedIdentities(false)
                .allowClassicFlow(false)
                .cognitoIdentityProviders(List.of(CfnIdentityPool.CognitoIdentityProviderProperty.builder()
                        .clientId(client.getUserPoolClientId())
                        .providerName(userPool.getUserPoolProviderName())
                        .serverSideTokenCheck(true)
                        .build()))
                .build();

        List<String> routeArns = props.routes().stream()
                .map(r -> props.api().arnForExecuteApi(r.method(), r.resourcePath(), STAGE)).toList();
        operatorRole = Role.Builder.create(this, "OperatorRole")
                .description(props.name() + " console: signed-in operators may invoke the console's API routes only")
                .assumedBy(new FederatedPrincipal("cognito-identity.amazonaws.com", Map.of(
                        "StringEquals", Map.of("cognito-identity.amazonaws.com:aud", identityPool.getRef()),
                        "ForAnyValue:StringLike", Map.of("cognito-identity.amazonaws.com:amr", "authenticated")),
                        "sts:AssumeRoleWithWebIdentity"))
                .maxSessionDuration(Duration.hours(1))
                .inlinePolicies(Map.of("InvokeConsoleRoutes", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().sid("InvokeConsoleRoutes").actions(List.of("execute-api:Invoke"))
                                .resources(routeArns).build())).build()))
                .build();
        Nag.acknowledge(operatorRole, "AwsSolutions-IAM5", "The '*' stands for one path parameter of a console route "
                + "(a service name, a silence id), as execute-api ARNs write it; every method and path is named.",
                "/^Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<[A-Za-z0-9]+>\\/\\$default\\/(GET|POST|PUT|DELETE)\\/v1\\/[a-z\\/]*\\*[a-z\\/]*$/");

        CfnIdentityPoolRoleAttachment.Builder.create(this, "Roles")
                .identityPoolId(identityPool.getRef())
                .roles(Map.of("authenticated", operatorRole.getRoleArn()))
                .build();
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient client() {
        return client;
    }

    public CfnIdentityPool identityPool() {
        return identityPool;
    }

    public Role operatorRole() {
        return operatorRole;
    }
}
