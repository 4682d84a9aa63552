package io.quantsinfra.core.monitor;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the monitor's Prometheus sends every series it scrapes, so that they outlive the task: an Amazon Managed
 * Service for Prometheus workspace, written with {@code remote_write} and signed with SigV4 by the task role
 * (which the CDK app grants {@code aps:RemoteWrite} on this workspace only). Prometheus's own TSDB stays in the task
 * (its local storage does not support NFS, so EFS is no home for it); AMP keeps the history across replacements.
 *
 * {@snippet :
 * RemoteWrite w = RemoteWrite.ofWorkspaceArn("arn:aws:aps:eu-west-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789");
 * String url = w.url(); // https://aps-workspaces.eu-west-1.amazonaws.com/workspaces/ws-…/api/v1/remote_write
 * }
 */
public record RemoteWrite(String workspaceArn, String region, String workspaceId, String domain) {
    private static final Pattern ARN = Pattern.compile(
            "arn:(aws|aws-cn|aws-us-gov):aps:([a-z]{2}(?:-[a-z]+)+-[0-9]):([0-9]{12}):workspace/(ws-[a-z0-9-]{1,64})");

    /** The workspace's ARN, or IllegalArgumentException saying what is expected. */
    public static RemoteWrite ofWorkspaceArn(String arn) {
        Matcher m = arn == null ? null : ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("expected an Amazon Managed Service for Prometheus workspace ARN like "
                    + "arn:aws:aps:eu-west-1:123456789012:workspace/ws-0a1b2c3d-4e5f-6789-abcd-ef0123456789");
        }
        return new RemoteWrite(arn, m.group(2), m.group(4), m.group(1).equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com");
    }

    /** AMP's remote write endpoint of the workspace. */
    public String url() {
        return queryUrl() + "/api/v1/remote_write";
    }

    /** The workspace's Prometheus-compatible query endpoint (a Grafana data source's URL). */
    public String queryUrl() {
        return "https://aps-workspaces." + region + "." + domain + "/workspaces/" + workspaceId;
    }
}
