package io.quantsinfra.core.delivery;

import io.quantsinfra.core.notify.Attempt;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one delivery attempt for at most {@code timeout}: the time the cycle has left, so that no attempt outlives
 * the deadline whatever the notifier's own timeouts are. Empty when the attempt was cut off (it was started and may
 * or may not have reached the endpoint). Tests pass one that runs the attempt inline against a fake clock.
 *
 * {@snippet :
 * Optional<Attempt> a = AttemptRunner.VIRTUAL_THREADS.run(() -> notifiers.send(endpoint, n), Duration.ofSeconds(3));
 * }
 */
@FunctionalInterface
public interface AttemptRunner {
    /** Each attempt on its own virtual thread; one cut off is interrupted and left to end on its own. */
    AttemptRunner VIRTUAL_THREADS = (work, timeout) -> {
        FutureTask<Attempt> task = new FutureTask<>(io.quantsinfra.core.notify.Templates.carryingReporter(work)::get);
        Thread.ofVirtual().name("delivery-attempt").start(task);
        try {
            return Optional.of(task.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            task.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            // the work contains its own failures; only a fatal error gets here
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("a delivery attempt failed outside its containment: " + e.getCause().getClass().getSimpleName());
        }
    };

    Optional<Attempt> run(Supplier<Attempt> work, Duration timeout);
}
