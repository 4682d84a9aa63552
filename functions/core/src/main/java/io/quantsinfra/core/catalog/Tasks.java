package io.quantsinfra.core.catalog;

import io.quantsinfra.core.deploy.InstanceId;
import io.quantsinfra.core.deploy.Overrides;
import io.quantsinfra.core.deploy.PlatformContext;
import io.quantsinfra.core.deploy.TaskSpec;
import io.quantsinfra.core.error.InvalidInputException;
import java.util.List;
import java.util.Map;
import io.quantsinfra.core.catalog.schema.Values;
import java.util.regex.Pattern;

/** What every service's task has in common: naming, tags, overrides, health-check commands. */
final class Tasks {
    static final String TAG_SERVICE = "quants-infra:service";
    static final String TAG_INSTANCE = "quants-infra:instance";
    static final String TAG_MANAGED_BY = "managed-by";

    // Docker's reference grammar (distribution/reference): [domain[:port]/]path[/path...][:tag][@digest].
    private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String PATH_PART = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern IMAGE = Pattern.compile(
            "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*(?::[0-9]+)?/)?" + PATH_PART + "(?:/" + PATH_PART + ")*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?"
                    + "(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");

    private Tasks() {}

    /** Refuses an instance of another service. */
    static void requireInstanceOf(InstanceId instance, String service) {
        if (!instance.service().equals(service)) {
            throw new InvalidInputException("instance", "'" + instance + "' is not an instance of " + service);
        }
    }

    /** Refuses a config validated for another service. */
    static void requireConfigOf(ServiceConfig config, String service) {
        if (!service.equals(config.service())) {
            throw new InvalidInputException("config", "this config was validated for '" + config.service()
                    + "', not for " + service);
        }
    }

    /** Checks image, port and size overrides; {@code imageRefusal}/{@code portRefusal} say why one is not taken. */
    static void checkOverrides(Overrides o, TaskSize defaults, String imageRefusal, String portRefusal) {
        if (o.image() != null) {
            if (imageRefusal != null) {
                throw new InvalidInputException("overrides.image", imageRefusal);
            }
            checkImage(o.image());
        }
        if (o.port() != null) {
            if (portRefusal != null) {
                throw new InvalidInputException("overrides.port", portRefusal);
            }
            if (o.port() < 1 || o.port() > 65535) {
                throw new InvalidInputException("overrides.port", "must be from 1 to 65535, got " + o.port());
            }
        }
        TaskSize.resolve(o, defaults);
    }

    static void checkImage(String image) {
        if (image.length() > 512 || !IMAGE.matcher(image).matches()) {
            String hint = image.chars().anyMatch(Character::isUpperCase) && !image.contains(":")
                    ? " (repository names are lowercase)" : "";
            throw new InvalidInputException("overrides.image", "expected an image reference like "
                    + "\"freqtradeorg/freqtrade:stable\" or \"123456789012.dkr.ecr.eu-west-1.amazonaws.com/bots:1.4\"" + hint
                    + ", got " + Values.show(image));
        }
    }

    /** The task around {@code containers}: family and log stream prefix are the instance id. */
    static TaskSpec spec(InstanceId instance, String service, TaskSize size, List<TaskSpec.ContainerSpec> containers,
                         List<TaskSpec.VolumeSpec> volumes, PlatformContext platform) {
        String id = instance.toString();
        return new TaskSpec(id, size.cpu(), size.memory(), containers, volumes, platform.logGroup(service), id,
                Map.of(TAG_SERVICE, service, TAG_INSTANCE, id, TAG_MANAGED_BY, "quants-infra"));
    }

    /** The entry point that runs a container's command as a shell script (images' own entry points are replaced). */
    static final List<String> SHELL = List.of("sh", "-c");

    /** A container health check that GETs {@code http://localhost:port/path} with curl. */
    static TaskSpec.HealthCheckSpec curl(int port, String path, int startPeriodSeconds) {
        return check("curl -fsS -o /dev/null " + url(port, path) + " || exit 1", startPeriodSeconds);
    }

    /** The same with busybox wget (Prometheus, Alertmanager and Grafana images have no curl). */
    static TaskSpec.HealthCheckSpec wget(int port, String path, int startPeriodSeconds) {
        return check("wget -q -O /dev/null " + url(port, path) + " || exit 1", startPeriodSeconds);
    }

    /** For images whose tooling is unknown: curl, else wget, else Python. */
    static TaskSpec.HealthCheckSpec anyHttpClient(int port, String path, int startPeriodSeconds) {
        String u = url(port, path);
        return check("curl -fsS -o /dev/null " + u + " || wget -q -O /dev/null " + u
                + " || python3 -c \"import urllib.request; urllib.request.urlopen('" + u + "', timeout=4)\" || exit 1",
                startPeriodSeconds);
    }

    static TaskSpec.HealthCheckSpec check(String shellCommand, int startPeriodSeconds) {
        return new TaskSpec.HealthCheckSpec(List.of("CMD-SHELL", shellCommand), 30, 5, 3, startPeriodSeconds);
    }

    private static String url(int port, String path) {
        return "http://localhost:" + port + path;
    }
}
