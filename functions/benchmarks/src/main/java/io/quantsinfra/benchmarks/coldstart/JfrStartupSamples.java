package io.quantsinfra.benchmarks.coldstart;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises JFR recordings of API cold starts ({@code startup-samples.sh}): the main thread's execution samples, how
 * many fall in each of the costs docs/benchmarks.md section (j) names (a sample counts for an area when any frame of
 * its stack matches), and the methods most often on the stack.
 */
public final class JfrStartupSamples {
    /** Area name to the frame ({@code class.method}) that marks it. */
    static final Map<String, String> AREAS = areas();

    private JfrStartupSamples() {}

    private static Map<String, String> areas() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("building the handler (Micronaut's context, router, HTTP layer)", "io.quantsinfra.api.ApiHandler.<init>");
        m.put("the first request", "io.quantsinfra.api.ApiHandler.handleRequest");
        m.put("  a jar opened as a zip file system (service scan, class path resources)", "jdk.nio.zipfs.ZipFileSystem.<init>");
        m.put("  the router's setup per route (writer lookup, serializers until section (j))",
                "io.micronaut.web.router.DefaultRouteInfo.<init>");
        m.put("  the SDK's HTTP client: its TLS context",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.getSslContext");
        m.put("  SDK service clients built", "software.amazon.awssdk.core.client.builder.SdkDefaultClientBuilder.build");
        m.put("  JDK HttpClients built", "jdk.internal.net.http.HttpClientImpl.<init>");
        m.put("  logging initialised", "org.slf4j.LoggerFactory.bind");
        return m;
    }

    public static void main(String[] args) throws IOException {
        int samples = 0;
        Map<String, Integer> byArea = new LinkedHashMap<>();
        AREAS.keySet().forEach(a -> byArea.put(a, 0));
        Map<String, Integer> onStack = new HashMap<>();
        for (String file : args) {
            for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(file))) {
                if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null
                        || !"main".equals(e.getThread("sampledThread").getJavaName())) {
                    continue;
                }
                samples++;
                Set<String> frames = new HashSet<>();
                for (RecordedFrame f : e.getStackTrace().getFrames()) {
                    frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                }
                AREAS.forEach((area, frame) -> {
                    if (frames.contains(frame)) {
                        byArea.merge(area, 1, Integer::sum);
                    }
                });
                frames.forEach(f -> onStack.merge(f, 1, Integer::sum));
            }
        }
        System.out.printf("main-thread samples: %d in %d recordings%n", samples, args.length);
        byArea.forEach((area, n) -> System.out.printf("  %-75s %5d%n", area, n));
        System.out.println("methods most often on the main thread's stack:");
        List<Map.Entry<String, Integer>> top = onStack.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(30).toList();
        top.forEach(t -> System.out.printf("  %5d %s%n", t.getValue(), t.getKey()));
    }
}
