package io.quantsinfra.aws.local;

import io.quantsinfra.aws.AwsClients;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.dynamodb.StateTable;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Prepares an emulated account the way the CDK stack prepares a real one: a VPC with a subnet in each of
 * two AZs (DNS hostnames on), a security group for instances, the ECS cluster, the state table (TTL on), a log group
 * per catalogued service and one for jobs, the monitor's config bucket and an EFS file system for collected data. Idempotent: resources
 * found by their names or tags are reused.
 *
 * {@snippet :
 * AwsSettings settings = LocalAccount.prepare(URI.create("http://127.0.0.1:4566"), List.of("freqtrade", ...));
 * }
 */
public final class LocalAccount {
    public static final String REGION = "us-east-1";
    private static final String VPC_NAME = "quants-infra-local";

    private LocalAccount() {}

    /** Creates (or finds) everything and returns the settings the API should run with. */
    public static AwsSettings prepare(URI endpoint, List<String> services) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(AwsSettings.REGION, REGION);
        env.put(AwsSettings.ENDPOINT, endpoint.toString());
        env.put(AwsSettings.SUBNETS, "pending=pending");
        env.put(AwsSettings.SECURITY_GROUPS, "pending");
        env.put(AwsSettings.AWS_RETRIES, "0");
        // Seed 003: the control plane's own metrics are off by default locally; QUANTS_INFRA_METRICS=true turns them on.
        env.put(AwsSettings.METRICS, "false");
        AwsSettings base = AwsSettings.from(env);
        try (AwsClients clients = new AwsClients(base)) {
            Network net;
            // EC2 is needed only here, to build the emulated VPC; the Lambda jar leaves the EC2 client out.
            try (Ec2Client ec2 = Ec2Client.builder().region(software.amazon.awssdk.regions.Region.of(REGION))
                    .endpointOverride(endpoint)
                    .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                    .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                    .build()) {
                net = network(ec2);
            }
            env.put(AwsSettings.SUBNETS, String.join(",", net.subnets));  // subnet-id=zone
            env.put(AwsSettings.SECURITY_GROUPS, net.securityGroup);
            try (var ecs = clients.ecs()) {
                ecs.createCluster(r -> r.clusterName(base.cluster()));
            }
            try (var dynamo = clients.dynamoDb()) {
                dynamo.createTable(r -> r.tableName(base.table())
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName(StateTable.PARTITION_KEY).attributeType(ScalarAttributeType.S).build(),
                                AttributeDefinition.builder().attributeName(StateTable.SORT_KEY).attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName(StateTable.PARTITION_KEY).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(StateTable.SORT_KEY).keyType(KeyType.RANGE).build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
            } catch (ResourceInUseException e) {
                // already there
            }
            try (var dynamo = clients.dynamoDb()) {
                enableTtl(dynamo, base.table());
            }
            try (var logs = clients.logs()) {
                try {
                    logs.createLogGroup(r -> r.logGroupName(base.jobsLogGroup()));
                } catch (ResourceAlreadyExistsException e) {
                    // already there
                }
                for (String service : services) {
                    try {
                        logs.createLogGroup(r -> r.logGroupName(base.logGroupPrefix() + "/" + service));
                    } catch (ResourceAlreadyExistsException e) {
                        // already there
                    }
                }
            }
            String bucket = "quants-infra-monitor-config-local";
            try (var s3 = clients.s3()) {
                if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(bucket))) {
                    s3.createBucket(r -> r.bucket(bucket));
                }
            }
            env.put(AwsSettings.MONITOR_BUCKET, bucket);
            env.put(AwsSettings.EXECUTION_ROLE_ARN, "arn:aws:iam::123456789012:role/quants-infra-task-execution");
            env.put(AwsSettings.TASK_ROLE_ARN, "arn:aws:iam::123456789012:role/quants-infra-task");
            env.put(AwsSettings.COLLECTOR_FILE_SYSTEM_ID, fileSystem(endpoint));
        }
        return AwsSettings.from(env);
    }

    /** Expiry by {@link StateTable#TTL_ATTRIBUTE}, as the CDK table has it (enabling it twice is an error in DynamoDB). */
    private static void enableTtl(DynamoDbClient dynamo, String table) {
        TimeToLiveStatus status = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus();
        if (status != TimeToLiveStatus.ENABLED && status != TimeToLiveStatus.ENABLING) {
            dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t
                    .attributeName(StateTable.TTL_ATTRIBUTE).enabled(true)));
        }
    }

    /** {@code subnets} as {@code subnet-id=zone} entries. */
    private record Network(List<String> subnets, String securityGroup) {}

    private static Network network(Ec2Client ec2) {
        var vpcs = ec2.describeVpcs(r -> r.filters(Filter.builder().name("tag:Name").values(VPC_NAME).build())).vpcs();
        String vpcId;
        List<String> subnets = new ArrayList<>();
        String sg;
        if (!vpcs.isEmpty()) {
            vpcId = vpcs.getFirst().vpcId();
            ec2.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
                    .subnets().forEach(s -> subnets.add(s.subnetId() + "=" + s.availabilityZone()));
            sg = ec2.describeSecurityGroups(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build(),
                    Filter.builder().name("group-name").values("quants-infra-instances").build()))
                    .securityGroups().getFirst().groupId();
            return new Network(subnets.stream().sorted().toList(), sg);
        }
        vpcId = ec2.createVpc(r -> r.cidrBlock("10.42.0.0/16").tagSpecifications(tags(ResourceType.VPC, VPC_NAME))).vpc().vpcId();
        // As the CDK's VPC has them. Without DNS host names the emulator's RunTask fails (500) on an awsvpc task: it
        // reads the ENI's private DNS name, which it only gives ENIs in such a VPC.
        ec2.modifyVpcAttribute(r -> r.vpcId(vpcId).enableDnsHostnames(b -> b.value(true)));
        String[][] layout = {{REGION + "a", "10.42.1.0/24"}, {REGION + "b", "10.42.2.0/24"}};
        for (String[] az : layout) {
            subnets.add(ec2.createSubnet(r -> r.vpcId(vpcId).availabilityZone(az[0]).cidrBlock(az[1])
                    .tagSpecifications(tags(ResourceType.SUBNET, VPC_NAME + "-" + az[0]))).subnet().subnetId() + "=" + az[0]);
        }
        sg = ec2.createSecurityGroup(r -> r.vpcId(vpcId).groupName("quants-infra-instances")
                .description("quants-infra instances: inbound only from the monitor")).groupId();
        return new Network(subnets, sg);
    }

    private static TagSpecification tags(ResourceType type, String name) {
        return TagSpecification.builder().resourceType(type).tags(Tag.builder().key("Name").value(name).build(),
                Tag.builder().key("managed-by").value("quants-infra").build()).build();
    }

    /**
     * The collector's EFS file system. The SDK's EFS module is not in the registry this project builds
     * from, so this speaks EFS's REST API directly; the emulator does not check signatures.
     */
    private static String fileSystem(URI endpoint) {
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/2015-02-01/file-systems"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + REGION
                            + "/elasticfilesystem/aws4_request, SignedHeaders=host, Signature=0")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"CreationToken\":\"quants-infra-collector-data\","
                            + "\"Encrypted\":true,\"Tags\":[{\"Key\":\"managed-by\",\"Value\":\"quants-infra\"}]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 409) {
                // Prepared before (another local mode on the same emulator): the one with this creation token.
                r = http.send(HttpRequest.newBuilder(endpoint.resolve(
                                "/2015-02-01/file-systems?CreationToken=quants-infra-collector-data"))
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/" + REGION
                                + "/elasticfilesystem/aws4_request, SignedHeaders=host, Signature=0")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            Matcher m = Pattern.compile("\"FileSystemId\"\\s*:\\s*\"(fs-[0-9a-f]+)\"").matcher(r.body());
            if (m.find()) {
                return m.group(1);
            }
            throw new IllegalStateException("the emulator did not create an EFS file system (HTTP " + r.statusCode() + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the emulator at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
