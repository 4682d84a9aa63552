package io.quantsinfra.api.local;

import io.micronaut.context.ApplicationContext;
import io.quantsinfra.api.ApiHandler;
import io.quantsinfra.api.telemetry.ApiMetrics;
import io.quantsinfra.api.wiring.SettingsOverlay;
import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.core.catalog.ServiceCatalog;
import io.quantsinfra.core.catalog.ServiceType;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Local mode: prepares the emulated account, then serves the API (the Lambda handler behind an
 * API Gateway-shaped bridge) on loopback until stopped. {@code ./quants-infra local} starts the emulator
 * first and runs this.
 *
 * <p>Arguments: {@code --emulator URL} (default http://127.0.0.1:4566), {@code --port N} (default 8080).
 */
public final class LocalMode implements AutoCloseable {
    private final ApplicationContext context;
    private final ApiGatewayBridge bridge;
    private final AwsSettings settings;

    private LocalMode(ApplicationContext context, ApiGatewayBridge bridge, AwsSettings settings) {
        this.context = context;
        this.bridge = bridge;
        this.settings = settings;
    }

    /** Prepares the account behind {@code emulator} and serves the API on {@code 127.0.0.1:port}. */
    public static LocalMode start(URI emulator, int port, SettingsOverlay extra) throws java.io.IOException {
        return start(emulator, port, extra, java.util.Optional.empty());
    }

    /**
     * As {@link #start(URI, int, SettingsOverlay)}, also serving the built site in {@code site} on the API's origin;
     * alerts' runbook links then point at it ({@code QUANTS_INFRA_DOCS_URL} defaults to local mode's own origin).
     */
    public static LocalMode start(URI emulator, int port, SettingsOverlay extra, java.util.Optional<SiteFiles> site)
            throws java.io.IOException {
        List<String> services = ServiceCatalog.standard().all().stream().map(ServiceType::name).toList();
        AwsSettings settings = withLoopbackEgress(LocalAccount.prepare(emulator, services));
        ApiGatewayBridge bound = ApiGatewayBridge.bind("127.0.0.1", port, site);
        java.util.Map<String, String> values = new java.util.HashMap<>(settings.toEnvironment());
        if (site.isPresent()) {
            values.put(AwsSettings.DOCS_URL, "http://127.0.0.1:" + bound.port());
        }
        values.putAll(extra.values());
        ApplicationContext context = ApplicationContext.builder()
                .singletons(new SettingsOverlay(values, extra.interceptors()))
                .properties(ApiMetrics.properties(AwsSettings.from(values)))
                .start();
        ApiHandler handler = new ApiHandler(context);
        ApiGatewayBridge bridge = bound.serve(handler);
        return new LocalMode(context, bridge, settings);
    }

    /**
     * Local mode's receivers run on this machine, so notification targets on loopback are allowed — and nothing
     * else that is not public, unless {@code QUANTS_INFRA_EGRESS_ALLOW} says otherwise.
     */
    private static AwsSettings withLoopbackEgress(AwsSettings prepared) {
        java.util.Map<String, String> env = new java.util.HashMap<>(prepared.toEnvironment());
        env.putIfAbsent(AwsSettings.EGRESS_ALLOW, io.quantsinfra.core.egress.EgressPolicy.LOOPBACK);
        return AwsSettings.from(env);
    }

    public int port() {
        return bridge.port();
    }

    /** The site's URL, when local mode serves one. */
    public java.util.Optional<String> siteUrl() {
        return bridge.site().map(s -> "http://127.0.0.1:" + port() + "/");
    }

    public AwsSettings settings() {
        return settings;
    }

    /** Whether the API publishes its own metrics (to the emulator). */
    public boolean metricsOn() {
        return context.containsBean(io.quantsinfra.aws.telemetry.FlushingCloudWatchMeterRegistry.class);
    }

    @Override
    public void close() {
        bridge.close();
        context.close();
    }

    public static void main(String[] args) throws Exception {
        URI emulator = URI.create("http://127.0.0.1:4566");
        int port = 8080;
        java.nio.file.Path siteDir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--emulator" -> emulator = URI.create(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--site" -> siteDir = java.nio.file.Path.of(args[++i]);
                default -> {
                    System.err.println("local: unknown argument " + args[i] + " (expected --emulator URL, --port N, --site DIR)");
                    System.exit(2);
                }
            }
        }
        // Metrics stay off locally (seed 003) unless QUANTS_INFRA_METRICS=true; then they go to the emulator.
        java.util.Map<String, String> overlay = new java.util.HashMap<>();
        for (String key : List.of(AwsSettings.METRICS, AwsSettings.EGRESS_ALLOW, AwsSettings.PROMETHEUS_URL)) {
            if (System.getenv(key) != null) {
                overlay.put(key, System.getenv(key));
            }
        }
        if (System.getenv(AwsSettings.DOCS_URL) != null) {
            overlay.put(AwsSettings.DOCS_URL, System.getenv(AwsSettings.DOCS_URL));
        }
        java.util.Optional<SiteFiles> site = siteDir == null ? java.util.Optional.empty() : SiteFiles.at(siteDir);
        if (siteDir != null && site.isEmpty()) {
            System.err.println("local: " + siteDir + " holds no built site (no index.html); serving the API only "
                    + "(build it with scripts/site-build.sh)");
        }
        LocalMode local = start(emulator, port, new SettingsOverlay(overlay, List.of()), site);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            local.close();
            stop.countDown();
        }));
        String api = "http://127.0.0.1:" + local.port();
        System.out.println("""
                quants-infra local mode is ready.
                  AWS emulator : %s (region %s, cluster %s, subnets %s)
                  API          : %s   (OpenAPI: %s/openapi.yml)
                  Site         : %s
                  Metrics      : %s
                In another terminal:
                  ./quants-infra status
                  ./quants-infra deploy --service data-collector --host us-east-1a --host us-east-1b --config examples/data-collector.json
                  ./quants-infra logs --service data-collector-1
                Press Ctrl-C to stop.""".formatted(emulator, local.settings().region(), local.settings().cluster(),
                String.join(",", local.settings().subnets()), api, api,
                local.siteUrl().map(u -> u + "   (runbooks, ops console: " + u + "console)")
                        .orElse("not served (no built site; scripts/site-build.sh builds it)"),
                local.metricsOn() ? "on: CloudWatch namespace QuantsInfra in the emulator, flushed after each request"
                        : "off (QUANTS_INFRA_METRICS=true to publish them to the emulator)"));
        stop.await();
    }
}
