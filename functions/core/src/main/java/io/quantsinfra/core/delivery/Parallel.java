package io.quantsinfra.core.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Runs independent sends at once on virtual threads, at most {@code limit} at a time, and returns their results in
 * the order of the inputs. The tasks contain their own failures; a fatal error in one is rethrown once all ended.
 *
 * {@snippet :
 * List<Outcome> outcomes = Parallel.map(groups, Parallel.LIMIT, this::notifyGroup);
 * }
 */
public final class Parallel {
    /** How many sends of one cycle run at once (each mostly waits on the network, on a virtual thread). */
    public static final int LIMIT = 16;

    private Parallel() {}

    public static <I, O> List<O> map(List<I> inputs, int limit, Function<I, O> task) {
        if (inputs.size() <= 1) {
            return inputs.stream().map(task).toList();
        }
        Semaphore permits = new Semaphore(Math.max(1, limit));
        List<Future<O>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (I input : inputs) {
                java.util.function.Supplier<O> bound = io.quantsinfra.core.notify.Templates.carryingReporter(() -> task.apply(input));
                futures.add(pool.submit(() -> {
                    permits.acquire();
                    try {
                        return bound.get();
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<O> out = new ArrayList<>();
        for (Future<O> f : futures) {
            out.add(result(f));
        }
        return out;
    }

    private static <O> O result(Future<O> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the sends");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause().getClass().getSimpleName());
        }
    }
}
