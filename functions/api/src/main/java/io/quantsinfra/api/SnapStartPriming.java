package io.quantsinfra.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.quantsinfra.api.coldstart.DeferredJsonBodies;
import io.quantsinfra.core.status.StatusService;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's runtime hooks for the API Lambda (the {@code org.crac} API, which Lambda calls around the snapshot; on a
 * JVM without CRaC, such as a plain Temurin, registering does nothing).
 *
 * <ul>
 *   <li>{@link #beforeCheckpoint}, once, while Lambda takes the snapshot after init: builds the beans
 *   {@code GET /v1/status} needs (the wiring, its SDK clients, the status service: construction only, no call; the
 *   status document's serializer) and
 *   sends one request through the whole HTTP path that fails validation before any AWS call (routing, filters, the
 *   request log, the problem+json handler, serde). No AWS call is made, so the snapshot holds no resolved credentials
 *   (the SDK resolves them at the first call, after restore), no open connection and no AWS response. The meters the
 *   request recorded are dropped, so the first real flush publishes only real requests.</li>
 *   <li>{@link #afterRestore}, in every restored sandbox before its first request: forgets what the priming request
 *   left that must not be shared between sandboxes (nothing else is cached: request ids are fresh UUIDs from the
 *   system's SecureRandom, which reseeds from the OS after restore, and the SDK's credentials were never resolved).</li>
 * </ul>
 */
final class SnapStartPriming implements Resource {
    /** A health request for an instance id that cannot exist: rejected (400) before any AWS call. */
    static final String PATH = "/v1/instances/priming/health";
    private final ApiHandler handler;
    private volatile int primed;

    private SnapStartPriming(ApiHandler handler) {
        this.handler = handler;
    }

    /** Registers the hooks for {@code handler}; the global context holds the resource strongly as long as it lives. */
    static SnapStartPriming register(ApiHandler handler) {
        SnapStartPriming priming = new SnapStartPriming(handler);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(handler);
        primed++;
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        handler.dropRecordedMeters();
    }

    /** What {@link #beforeCheckpoint} does, also used where no checkpoint is taken (the AOT-cache stand-in). */
    static void prime(ApiHandler handler) {
        handler.getApplicationContext().getBean(StatusService.class);
        // the status document's serializer, which DeferredJsonBodies otherwise builds at the first status answer
        handler.getApplicationContext().getBean(Router.class).route(HttpMethod.GET, "/v1/status")
                .ifPresent(route -> DeferredJsonBodies.prepare(route.getRouteInfo().getMessageBodyWriter()));
        handler.handleWithoutFlush(event(), null);
        handler.dropRecordedMeters();
    }

    /** How often {@link #beforeCheckpoint} ran. */
    int primed() {
        return primed;
    }

    private static APIGatewayV2HTTPEvent event() {
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("$default").withRawPath(PATH)
                .withRawQueryString("").withHeaders(Map.of("accept", "application/json", "host", "priming.invalid",
                        "x-request-id", "snapstart-priming"))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("GET").withPath(PATH)
                                .withProtocol("HTTP/1.1").withSourceIp("127.0.0.1").build())
                        .withRequestId("snapstart-priming").withRouteKey("$default").withStage("$default")
                        .withTimeEpoch(0L).build())
                .build();
    }
}
