package io.quantsinfra.cdk.iam;

import java.util.List;
import java.util.Map;

/**
 * What one recorded call needs from the role: an IAM action on resources (none: the action has no resource-level
 * permissions, so only {@code Resource: "*"} grants it), with the condition-key values the request would carry.
 *
 * @param action e.g. {@code dynamodb:UpdateItem}
 * @param arns concrete ARNs of what was called; empty for actions without resource-level permissions
 * @param context condition keys IAM would see with their values (absent keys are absent from the request)
 * @param because the call that implies it, for the report
 */
record Required(String action, List<String> arns, Map<String, List<String>> context, String because) {
    Required {
        arns = List.copyOf(arns);
        context = Map.copyOf(context);
    }

    boolean resourceLevel() {
        return !arns.isEmpty();
    }
}
