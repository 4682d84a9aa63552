package io.quantsinfra.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Appends every AWS operation one control-plane function makes to {@code <dir>/<function>.jsonl}, one
 * deduplicated JSON line per (service, operation, named resources): what infra-cdk's IAM check proves the
 * function's role allows. Only resource names are written (see {@link RequestResources}), never request bodies
 * or secret values. {@code dir} is the system property {@value #DIRECTORY_PROPERTY} (surefire sets it to
 * {@code <repo>/target/aws-calls}); without it nothing is written.
 *
 * <p>{@link #always} attributes every call through the clients it is on (the API's clients in local mode);
 * {@link #scoped} only the calls made while {@link #during} runs (a scheduled handler's invocation, not the
 * test's setup through the same wiring).
 *
 * {@snippet :
 * FunctionCallLog log = FunctionCallLog.scoped("health-probe");
 * try (ScheduledWiring wiring = new ScheduledWiring(settings, clock, List.of(log))) {
 *     log.during(() -> new HealthProbeHandler(wiring).handleRequest(event, null));
 * }
 * }
 */
public final class FunctionCallLog implements ExecutionInterceptor {
    /** System property naming the directory the logs go to. */
    public static final String DIRECTORY_PROPERTY = "quants-infra.aws-calls";
    /** Lines already in each file, shared by every log of this JVM. */
    private static final Map<Path, Set<String>> WRITTEN = new ConcurrentHashMap<>();

    private final String function;
    private final boolean always;
    private final AtomicInteger open = new AtomicInteger();
    private final Path file;

    FunctionCallLog(String function, boolean always, Path dir) {
        if (!function.matches("[a-z][a-z-]*")) {
            throw new IllegalArgumentException("a function name is lower-case-with-dashes, got '" + function + "'");
        }
        this.function = function;
        this.always = always;
        this.file = dir == null ? null : dir.toAbsolutePath().resolve(function + ".jsonl");
    }

    /** Attributes every call through the clients it is on to {@code function}. */
    public static FunctionCallLog always(String function) {
        return new FunctionCallLog(function, true, directory());
    }

    /** Attributes to {@code function} only the calls made while {@link #during} runs. */
    public static FunctionCallLog scoped(String function) {
        return new FunctionCallLog(function, false, directory());
    }

    private static Path directory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Runs {@code invocation}, attributing the calls it makes (on any thread, through these clients). */
    public <T> T during(Supplier<T> invocation) {
        open.incrementAndGet();
        try {
            return invocation.get();
        } finally {
            open.decrementAndGet();
        }
    }

    public String function() {
        return function;
    }

    /** The file this log appends to, when the directory property was set. */
    public java.util.Optional<Path> file() {
        return java.util.Optional.ofNullable(file);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (!always && open.get() == 0) {
            return;
        }
        if (file == null) {
            return;
        }
        record(file, RequestResources.line(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), context.request()));
    }

    private static final Object APPEND = new Object();

    private static void record(Path file, String line) {
        Set<String> written = WRITTEN.computeIfAbsent(file, FunctionCallLog::existing);
        if (!written.add(line)) {
            return;
        }
        // Several test JVMs (one per module) append to the same file over a build: lock it while appending. A file
        // lock is held per JVM, so threads of this JVM take turns first (two threads locking the same file at once
        // is an OverlappingFileLockException).
        synchronized (APPEND) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                 FileLock ignored = ch.lock()) {
                ch.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to " + file, e);
            }
        }
    }

    private static Set<String> existing(Path file) {
        Set<String> lines = ConcurrentHashMap.newKeySet();
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return lines;
    }
}
