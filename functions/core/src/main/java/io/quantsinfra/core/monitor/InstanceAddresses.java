package io.quantsinfra.core.monitor;

import java.util.List;

/**
 * Port: the running tasks of every managed instance with their current private addresses (ECS: the ENI address
 * of each RUNNING task). Instances with no running task, or whose task has no address yet, are left out.
 */
public interface InstanceAddresses {
    /** None: for wiring without a platform (tests, a monitor with only typed targets). */
    InstanceAddresses NONE = List::of;

    List<RunningInstance> running();
}
