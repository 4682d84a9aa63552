package io.quantsinfra.aws.telemetry;

import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

/**
 * The {@link CloudWatchAsyncClient} micrometer's CloudWatch registry asks for, over the synchronous url-connection
 * {@link CloudWatchClient} the rest of the adapters use: the SDK's async clients need Netty or the CRT client,
 * which the Lambda jars leave out. PutMetricData runs in the calling thread and returns a completed future; every
 * other operation is the interface's default, {@link UnsupportedOperationException}.
 *
 * {@snippet :
 * CloudWatchAsyncClient async = new SyncCloudWatchAsyncClient(clients.cloudWatch());
 * }
 */
public final class SyncCloudWatchAsyncClient implements CloudWatchAsyncClient {
    private final CloudWatchClient cloudWatch;

    public SyncCloudWatchAsyncClient(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public CompletableFuture<PutMetricDataResponse> putMetricData(PutMetricDataRequest request) {
        try {
            return CompletableFuture.completedFuture(cloudWatch.putMetricData(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        cloudWatch.close();
    }
}
