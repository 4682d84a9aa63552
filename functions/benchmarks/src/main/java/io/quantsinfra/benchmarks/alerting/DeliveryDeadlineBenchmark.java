package io.quantsinfra.benchmarks.alerting;

import com.sun.net.httpserver.HttpServer;
import io.quantsinfra.core.alerting.Alerting;
import io.quantsinfra.core.evaluation.CycleReport;
import io.quantsinfra.core.inmemory.InMemoryAlertStore;
import io.quantsinfra.core.inmemory.InMemoryEndpointStats;
import io.quantsinfra.core.inmemory.InMemoryHeartbeats;
import io.quantsinfra.core.inmemory.InMemoryLease;
import io.quantsinfra.core.inmemory.InMemoryMetrics;
import io.quantsinfra.core.inmemory.InMemoryNotificationLog;
import io.quantsinfra.core.inmemory.InMemoryRoutingConfigStore;
import io.quantsinfra.core.inmemory.InMemoryRuleStore;
import io.quantsinfra.core.inmemory.InMemorySecretValues;
import io.quantsinfra.core.inmemory.InMemorySilenceStore;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worst case of one evaluation cycle's wall time: N black-holed receivers (they accept the TCP connection and never
 * answer) beside M healthy ones on loopback, real HTTP (5 s per attempt), real sleeps, in-memory state. Each receiver
 * routes one firing alert and uses the failover settings that take longest ({@code max_attempts: 10},
 * {@code backoff: 10s}). Runs two cycles (the second takes over what the first left, failing receivers last) and prints
 * each one's wall time beside its deadline, and what was sent and left. Timed from outside, not a test.
 *
 * <p>{@code functions/benchmarks/delivery-deadline.sh [BLACK_HOLED [HEALTHY [DEADLINE_SECONDS]]]} (defaults 5, 5, 25).
 */
public final class DeliveryDeadlineBenchmark {
    private DeliveryDeadlineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int holes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int healthy = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Duration budget = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 25);
        AtomicInteger answered = new AtomicInteger();
        HttpServer ok = healthyReceiver(answered);
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket hole = new ServerSocket(0, 200, InetAddress.getLoopbackAddress())) {
            holdEveryConnection(hole, held);
            Alerting alerting = system();
            alerting.rules().apply("bench", Map.of("groups", List.of(Map.of("name", "g", "rules", List.of(
                    Map.of("alert", "HighCpu", "expr", "aws_ecs_cpuutilization_average > 80"))))), "benchmark");
            alerting.routing().apply(config(holes, healthy, "http://127.0.0.1:" + hole.getLocalPort() + "/never",
                    "http://127.0.0.1:" + ok.getAddress().getPort() + "/ok"), "benchmark");
            System.out.printf("receivers: %d black-holed + %d healthy (max_attempts 10, backoff 10s, 5 s per HTTP attempt)%n",
                    holes, healthy);
            for (int cycle = 1; cycle <= 2; cycle++) {
                cycle(alerting, cycle, budget, answered, held);
            }
            for (Socket s : held) {
                s.close();
            }
        } finally {
            ok.stop(0);
        }
    }

    /** A loopback receiver that answers 200 at once, counting what it answered. */
    private static HttpServer healthyReceiver(AtomicInteger answered) throws IOException {
        HttpServer ok = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ok.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            answered.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        ok.start();
        return ok;
    }

    /** A black hole: accepts every connection and never answers, so each attempt runs into its timeout. */
    private static void holdEveryConnection(ServerSocket hole, List<Socket> held) {
        Thread.ofVirtual().start(() -> {
            while (!hole.isClosed()) {
                try {
                    held.add(hole.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    /** One forced cycle against its deadline, and its line. */
    private static void cycle(Alerting alerting, int cycle, Duration budget, AtomicInteger answered, List<Socket> held) {
        Instant start = Clock.systemUTC().instant();
        long t0 = System.nanoTime();
        CycleReport r = alerting.evaluator().run(true, start.plus(budget));
        long wallMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("cycle %d: deadline %d ms, wall time %d ms (%+d ms against the deadline); sent %d, left for the "
                + "next cycle %d, failed %d; healthy endpoints answered %d in all, black-hole connections %d%n", cycle,
                budget.toMillis(), wallMs, wallMs - budget.toMillis(), r.delivery().sent(), r.delivery().left().size(),
                r.delivery().failed(), answered.get(), held.size());
    }

    private static Alerting system() {
        InMemoryMetrics metrics = new InMemoryMetrics();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int m = 0; m <= 3; m++) {
            metrics.put("AWS/ECS", "CPUUtilization", Map.of("ClusterName", "q", "ServiceName", "svc"), minute.minusSeconds(60L * m), 95);
        }
        return Alerting.create(new Alerting.Ports(new InMemoryRuleStore(), new InMemoryAlertStore(), new InMemoryLease(), metrics,
                        new InMemoryRoutingConfigStore(), new InMemorySilenceStore(), new InMemoryNotificationLog(),
                        new InMemoryEndpointStats(), new InMemorySecretValues(), (from, to, subject, text, html) -> "id",
                        new InMemoryHeartbeats()),
                Alerting.Options.defaults(Clock.systemUTC(), null).withDiscoveryTtl(Duration.ZERO));
    }

    private static Map<String, Object> config(int holes, int healthy, String holeUrl, String okUrl) {
        List<Object> routes = new ArrayList<>();
        List<Object> receivers = new ArrayList<>();
        for (int i = 0; i < holes + healthy; i++) {
            String name = (i < holes ? "hole-" : "ok-") + i;
            routes.add(Map.of("receiver", name, "continue", true));
            receivers.add(Map.of("name", name, "delivery", Map.of("strategy", "priority", "backoff", "10s", "max_attempts", 10),
                    "webhook_configs", List.of(Map.of("url", i < holes ? holeUrl : okUrl))));
        }
        Map<String, Object> route = new LinkedHashMap<>();
        route.put("receiver", "ok-" + holes);
        route.put("group_wait", "0s");
        route.put("routes", routes);
        return Map.of("route", route, "receivers", receivers);
    }
}
