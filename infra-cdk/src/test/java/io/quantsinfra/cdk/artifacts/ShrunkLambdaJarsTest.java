package io.quantsinfra.cdk.artifacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quantsinfra.aws.AwsSettings;
import io.quantsinfra.aws.local.LocalAccount;
import io.quantsinfra.cdk.SynthesizedApp;
import io.quantsinfra.cdk.iam.IamCoversRecordedCallsTest;
import io.quantsinfra.cdk.iam.RecordedCall;
import io.quantsinfra.cdk.stacks.ControlPlaneStack;
import io.quantsinfra.cdk.stacks.ScheduledJob;
import io.quantsinfra.testing.emulator.AwsEmulator;
import io.quantsinfra.testing.emulator.AwsEmulatorExtension;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Lambda jars as the build leaves them, shrunk (root pom, {@code shrink-lambda-jar}; docs/benchmarks.md, "Jar
 * size"): each still makes every AWS operation its functions were seen making across the test suite (the calls
 * FunctionCallLog recorded, which the IAM check also reads), the API jar's handler still starts and answers, and each
 * jar fits the size budget. The suite's other tests run the classes, not the jars: this is what proves the shrink
 * kept what runs on Lambda. Each check runs in a fresh JVM whose classpath is the jar plus a driver class.
 */
@ExtendWith(AwsEmulatorExtension.class)
class ShrunkLambdaJarsTest {
    static final Path FUNCTIONS = SynthesizedApp.MODULE.getParent().resolve("functions");
    static final Path API_JAR = FUNCTIONS.resolve("api/target/quants-infra-api-lambda.jar");
    static final Path SCHEDULED_JAR = FUNCTIONS.resolve("scheduled/target/quants-infra-scheduled-lambda.jar");
    /** Issue 14's budget for each function's jar. */
    static final long BUDGET_BYTES = 25_000_000L;

    /** Each recorded function's jar and handler, as the ControlPlane stack deploys them. */
    record Function(String name, Path jar, String handler) {
        String handlerClass() {
            return handler.substring(0, handler.indexOf("::"));
        }
    }

    static final List<Function> DEPLOYED = List.of(
            new Function("api", API_JAR, ControlPlaneStack.API_HANDLER),
            new Function("rotation", API_JAR, ScheduledJob.SECRET_ROTATION_HANDLER),
            new Function("alert-evaluation", SCHEDULED_JAR, ScheduledJob.ALERT_EVALUATION_HANDLER),
            new Function("health-probe", SCHEDULED_JAR, ScheduledJob.HEALTH_PROBE_HANDLER),
            new Function("job-dispatch", SCHEDULED_JAR, ScheduledJob.JOB_DISPATCH_HANDLER),
            new Function("job-events", SCHEDULED_JAR, ScheduledJob.JOB_EVENTS_HANDLER));

    @Test
    void apiJar_makesEveryOperationTheApiAndRotationWereSeenMaking(AwsEmulator aws) throws Exception {
        assertReplays(API_JAR, aws);
    }

    @Test
    void scheduledJar_makesEveryOperationTheScheduledFunctionsWereSeenMaking(AwsEmulator aws) throws Exception {
        assertReplays(SCHEDULED_JAR, aws);
    }

    @Test
    void apiJar_startsItsHandlerAndAnswersStatusFromAPreparedAccount(AwsEmulator aws) throws Exception {
        aws.reset();
        AwsSettings settings = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector"));
        Run run = java(API_JAR, ApiJarStatusRequest.class, List.of("/v1/status", DEPLOYED.getFirst().handlerClass()),
                settings.toEnvironment(), "");
        // stdout also carries the handler's JSON log lines (as on Lambda): the driver prints the status, then the body.
        List<String> lines = run.stdout().lines().toList();
        int status = lines.indexOf("200");
        assertTrue(status >= 0 && status + 1 < lines.size() && lines.get(status + 1).startsWith("{\"instances\":["),
                "GET /v1/status from the shrunk API jar:\n" + run.stdout() + "\n" + run.stderr());
    }

    @Test
    void apiJar_answersMicronautsServiceLookupsFromAnIndexHoldingWhatMicronautsScanFinds() throws Exception {
        Run run = java(API_JAR, MicronautServicesCheck.class, List.of(), Map.of(), "");
        List<String> out = run.stdout().lines().toList();
        Set<String> scan = prefixed(out, "scan ");
        Set<String> index = prefixed(out, "index ");
        assertTrue(scan.size() > 300, "Micronaut's scan of the API jar found " + scan.size() + " services:\n"
                + run.stdout() + run.stderr());
        assertEquals(scan, index, "the jar's index (META-INF/quants-infra/micronaut-services) against Micronaut's scan of the jar");
        assertTrue(out.contains("static true"), "Micronaut's service loading is answered from the index:\n" + run.stdout() + run.stderr());
    }

    @Test
    void eachJar_holdsItsFunctionsHandlers_andFitsTheBudget() throws IOException {
        for (Function f : DEPLOYED) {
            try (JarFile jar = new JarFile(f.jar().toFile())) {
                assertNotNull(jar.getEntry(f.handlerClass().replace('.', '/') + ".class"), f.name() + " in " + f.jar());
            }
        }
        for (Path jar : List.of(API_JAR, SCHEDULED_JAR)) {
            long size = Files.size(jar);
            System.out.printf("%s: %,d bytes (budget %,d)%n", jar.getFileName(), size, BUDGET_BYTES);
            assertTrue(size <= BUDGET_BYTES, jar.getFileName() + " is " + size + " bytes, over the budget of " + BUDGET_BYTES
                    + ": see docs/benchmarks.md, \"Jar size\" (functions/benchmarks/jar-size.sh shows what it holds)");
        }
    }

    /** Replays the (service, operation) pairs the jar's functions were recorded making; fails naming each that broke. */
    private static void assertReplays(Path jar, AwsEmulator aws) throws Exception {
        aws.reset();
        AwsSettings settings = LocalAccount.prepare(aws.endpoint(), List.of("freqtrade", "data-collector"));
        Set<String> lines = new TreeSet<>();
        for (Function f : DEPLOYED) {
            if (f.jar().equals(jar)) {
                for (RecordedCall call : RecordedCall.read(IamCoversRecordedCallsTest.callsDir(), f.name())) {
                    lines.add(line(call));
                }
            }
        }
        // One line per (service, operation): the resources only fill in the request.
        Map<String, String> byOperation = new java.util.TreeMap<>();
        lines.forEach(l -> byOperation.putIfAbsent(l.split("\t")[0] + " " + l.split("\t")[1], l));
        String input = String.join("\n", byOperation.values()) + "\n";
        Run run = java(jar, RecordedCallReplay.class, List.of(), settings.toEnvironment(), input);
        List<String> out = run.stdout().lines().toList();
        System.out.println(jar.getFileName() + ": " + byOperation.size() + " recorded operations replayed");
        out.forEach(l -> System.out.println("  " + l));
        List<String> failed = out.stream().filter(l -> l.contains(" FAIL ")).toList();
        assertTrue(failed.isEmpty(), jar.getFileName() + " lost what its functions call:\n" + String.join("\n", failed)
                + "\n(functions/lambda-jar-shrink.pro keeps what code reaches; a call only reflection reaches needs a rule there."
                + " A call the code no longer makes can linger in target/aws-calls: scripts/test.sh starts from none.)");
        assertEquals(byOperation.size(), out.size(), "one answer per operation; the driver said:\n" + run.stdout() + run.stderr());
    }

    private static Set<String> prefixed(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String line(RecordedCall call) {
        List<String> fields = new ArrayList<>(List.of(call.service(), call.operation()));
        call.resources().forEach((member, values) -> {
            if (!values.isEmpty()) {
                fields.add(member + "=" + String.join("|", values));
            }
        });
        return String.join("\t", fields);
    }

    record Run(int exit, String stdout, String stderr) {
    }

    /** {@code main} of {@code driver} in a fresh JVM on the jar plus this module's test classes, stdin {@code input}. */
    private static Run java(Path jar, Class<?> driver, List<String> args, Map<String, String> env, String input)
            throws Exception {
        Path testClasses = Path.of(driver.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + testClasses, driver.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("QUANTS_INFRA_"));
        builder.environment().putAll(env);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        Process p = builder.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        var stdout = readAsync(p.getInputStream());
        var stderr = readAsync(p.getErrorStream());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(driver.getSimpleName() + " on " + jar.getFileName() + " did not finish in 120 s");
        }
        return new Run(p.exitValue(), stdout.get(), stderr.get());
    }

    private static java.util.concurrent.CompletableFuture<String> readAsync(InputStream in) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
