package io.quantsinfra.api.coldstart;

import io.micronaut.core.io.service.SoftServiceLoader;
import io.micronaut.core.io.service.SoftServiceLoader.StaticDefinition;
import io.micronaut.core.io.service.SoftServiceLoader.StaticServiceLoader;
import io.micronaut.core.optim.StaticOptimizations;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Micronaut's service lookups answered from an index written into the Lambda jar at build time, instead of from a
 * scan of the jar at start.
 *
 * <p>Why: the first lookup of any Micronaut service (bean definitions, introspections, converters…) lists every
 * {@code META-INF/micronaut/<service>/<implementation>} entry, and from a jar it does so by opening the jar as a zip
 * file system, which indexes all of its ~16,000 entries. On a cold start with the AOT cache that was about a fifth of
 * building the handler (docs/benchmarks.md, section (j)). The {@code index-micronaut-services} build step writes those
 * entries to {@value #INDEX}; this loader, registered as a {@link StaticOptimizations.Loader}, hands Micronaut one
 * {@link StaticServiceLoader} per service type built from it.
 *
 * <p>What stays the same: which implementations exist (the index is the scan's answer, checked against a real scan
 * of the jar by {@code ShrunkLambdaJarsTest}), the {@code META-INF/services} files (still read per service type, as
 * Micronaut reads them), and what happens to an implementation whose classes are missing (skipped, as the scan
 * skips it). Conditions ({@code @Requires}) are still evaluated at run time: unlike Micronaut AOT's service loading,
 * nothing is decided at build time, so the switches the API reads from its environment (metrics on or off) keep
 * working. Without the index (tests, local mode) the loader hands Micronaut no static loader and the scan runs.
 *
 * {@snippet lang=text :
 * io.micronaut.inject.BeanDefinitionReference io.micronaut.http.server.$RouteExecutor$Definition
 * }
 */
public final class MicronautServiceIndex implements StaticOptimizations.Loader<SoftServiceLoader.Optimizations> {
    /** The index in the jar: one {@code <service type> <implementation>} pair per line. */
    public static final String INDEX = "META-INF/quants-infra/micronaut-services";

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.publicLookup();
    private static final MethodType NO_ARGUMENTS = MethodType.methodType(void.class);

    @Override
    public SoftServiceLoader.Optimizations load() {
        ClassLoader classLoader = MicronautServiceIndex.class.getClassLoader();
        try (InputStream in = classLoader.getResourceAsStream(INDEX)) {
            if (in == null) {
                return new SoftServiceLoader.Optimizations(Map.of());
            }
            return new SoftServiceLoader.Optimizations(new EveryServiceType(classLoader, parse(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + INDEX, e);
        }
    }

    /** The index's pairs grouped by service type, implementations in the order the index lists them. */
    public static Map<String, Set<String>> parse(InputStream in) throws IOException {
        Map<String, Set<String>> byService = new LinkedHashMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String pair = line.strip();
            int space = pair.indexOf(' ');
            if (space > 0) {
                byService.computeIfAbsent(pair.substring(0, space), k -> new LinkedHashSet<>())
                        .add(pair.substring(space + 1).strip());
            }
        }
        return byService;
    }

    /**
     * A static loader for whatever service type Micronaut asks for: the index's implementations of it plus its
     * {@code META-INF/services} entries. Every type must be answered here: a single type left to the scan would
     * open the jar as a zip file system again.
     */
    private static final class EveryServiceType extends AbstractMap<String, StaticServiceLoader<?>> {
        private final ClassLoader classLoader;
        private final Map<String, Set<String>> indexed;
        private final Map<String, StaticServiceLoader<?>> loaders = new ConcurrentHashMap<>();

        EveryServiceType(ClassLoader classLoader, Map<String, Set<String>> indexed) {
            this.classLoader = classLoader;
            this.indexed = indexed;
        }

        @Override
        public StaticServiceLoader<?> get(Object serviceType) {
            return serviceType instanceof String name
                    ? loaders.computeIfAbsent(name, n -> new IndexedLoader<>(classLoader, implementations(n)))
                    : null;
        }

        @Override
        public boolean containsKey(Object serviceType) {
            return serviceType instanceof String;
        }

        @Override
        public Set<Entry<String, StaticServiceLoader<?>>> entrySet() {
            return Map.copyOf(loaders).entrySet();
        }

        /** As Micronaut's scan: the {@code META-INF/services} lines first, then the {@code META-INF/micronaut} entries. */
        private List<String> implementations(String serviceType) {
            Set<String> names = new LinkedHashSet<>(servicesFileEntries(serviceType));
            names.addAll(indexed.getOrDefault(serviceType, Set.of()));
            return List.copyOf(names);
        }

        private List<String> servicesFileEntries(String serviceType) {
            List<String> names = new ArrayList<>();
            try {
                Enumeration<URL> files = classLoader.getResources("META-INF/services/" + serviceType);
                while (files.hasMoreElements()) {
                    try (BufferedReader reader = new BufferedReader(
                            new InputStreamReader(files.nextElement().openStream(), StandardCharsets.UTF_8))) {
                        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                            int comment = line.indexOf('#');
                            String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                            if (!name.isEmpty()) {
                                names.add(name);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading META-INF/services/" + serviceType, e);
            }
            return names;
        }
    }

    /** The implementations of one service type that load, each created once, as Micronaut's scan creates them. */
    private static final class IndexedLoader<S> implements StaticServiceLoader<S> {
        private final ClassLoader classLoader;
        private final List<String> names;

        IndexedLoader(ClassLoader classLoader, List<String> names) {
            this.classLoader = classLoader;
            this.names = names;
        }

        @Override
        public Stream<StaticDefinition<S>> findAll(Predicate<String> condition) {
            List<StaticDefinition<S>> found = new ArrayList<>(names.size());
            for (String name : names) {
                if (condition == null || condition.test(name)) {
                    S instance = instantiate(name);
                    if (instance != null) {
                        found.add(StaticDefinition.of(name, () -> instance));
                    }
                }
            }
            return found.stream();
        }

        /** Null where the scan would skip it too: a class, or a class its constructor needs, is not in the jar. */
        @SuppressWarnings("unchecked")
        private S instantiate(String name) {
            try {
                Class<?> type = Class.forName(name, false, classLoader);
                return (S) LOOKUP.findConstructor(type, NO_ARGUMENTS).invoke();
            } catch (NoClassDefFoundError | ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
                return null;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("creating service " + name, e);
            }
        }
    }
}
