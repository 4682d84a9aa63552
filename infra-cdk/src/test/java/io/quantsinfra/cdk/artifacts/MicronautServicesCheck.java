package io.quantsinfra.cdk.artifacts;

import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs in a JVM whose classpath is the API Lambda jar plus this class: prints Micronaut's own scan of the jar's
 * {@code META-INF/micronaut} services ({@code scan <service> <implementation>}), the index the build wrote into the jar
 * ({@code index …}, read by the API's {@code MicronautServiceIndex}), and whether Micronaut's service loading is
 * answered from that index ({@code static true}). Reflection only: this module does not compile against the API.
 */
public final class MicronautServicesCheck {
    private MicronautServicesCheck() {}

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        ClassLoader cl = ClassLoader.getSystemClassLoader();
        Map<String, Set<String>> scan = (Map<String, Set<String>>) Class
                .forName("io.micronaut.core.io.service.MicronautMetaServiceLoaderUtils")
                .getMethod("findAllMicronautMetaServices", ClassLoader.class).invoke(null, cl);
        Class<?> index = Class.forName("io.quantsinfra.api.coldstart.MicronautServiceIndex");
        Map<String, Set<String>> indexed;
        try (InputStream in = cl.getResourceAsStream((String) index.getField("INDEX").get(null))) {
            indexed = in == null ? Map.of() : (Map<String, Set<String>>) index.getMethod("parse", InputStream.class).invoke(null, in);
        }
        scan.forEach((service, impls) -> impls.forEach(impl -> System.out.println("scan " + service + " " + impl)));
        indexed.forEach((service, impls) -> impls.forEach(impl -> System.out.println("index " + service + " " + impl)));
        Class<?> optimizations = Class.forName("io.micronaut.core.io.service.SoftServiceLoader$Optimizations");
        Optional<?> set = (Optional<?>) Class.forName("io.micronaut.core.optim.StaticOptimizations")
                .getMethod("get", Class.class).invoke(null, optimizations);
        boolean answered = set.isPresent() && ((Map<?, ?>) optimizations.getMethod("getServiceLoaders").invoke(set.get()))
                .containsKey("io.micronaut.inject.BeanDefinitionReference");
        System.out.println("static " + answered);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
