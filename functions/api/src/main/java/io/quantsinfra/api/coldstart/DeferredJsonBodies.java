package io.quantsinfra.api.coldstart;

import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.buffer.ByteBuffer;
import io.micronaut.core.io.buffer.ByteBufferFactory;
import io.micronaut.core.type.Argument;
import io.micronaut.core.type.Headers;
import io.micronaut.core.type.MutableHeaders;
import io.micronaut.core.util.SupplierUtil;
import io.micronaut.http.ByteBodyHttpResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.body.ByteBodyFactory;
import io.micronaut.http.body.CloseableByteBody;
import io.micronaut.http.body.MessageBodyHandler;
import io.micronaut.http.body.ResponseBodyWriter;
import io.micronaut.http.codec.CodecException;
import io.micronaut.json.JsonFeatures;
import io.micronaut.json.body.CustomizableJsonHandler;
import io.micronaut.json.body.JsonMessageHandler;
import jakarta.inject.Singleton;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Micronaut's JSON body handler ({@link JsonMessageHandler}), with the serializers for a type built when a body of
 * that type is first read or written instead of when a route is registered.
 *
 * <p>Why: Micronaut's router asks the JSON handler for a handler specific to each route's return type while the
 * handler is being built, and micronaut-serde builds a serializer and a deserializer for that type and everything it
 * holds. For the API's ~40 routes that was about a fifth of building the handler on a cold start with the AOT cache
 * (docs/benchmarks.md, section (j)); a Lambda instance answers a few routes. Here the router gets this handler bound
 * to the type, and the specific handler is built on the first body, once.
 *
 * <p>Everything else is {@code JsonMessageHandler}'s: this handler comes first among the JSON handlers (its order is
 * one before Micronaut's) and every call goes to the Micronaut handler, or to the one specific to the type.
 *
 * {@snippet :
 * MessageBodyWriter<StatusView> writer = deferred.createSpecific(Argument.of(StatusView.class)); // nothing built yet
 * }
 */
@Singleton
@Order(JsonMessageHandler.ORDER - 1)
@JsonMessageHandler.ProducesJson
@JsonMessageHandler.ConsumesJson
public final class DeferredJsonBodies<T> implements MessageBodyHandler<T>, CustomizableJsonHandler, ResponseBodyWriter<T> {
    private final JsonMessageHandler<T> json;
    private final Supplier<JsonMessageHandler<T>> target;

    DeferredJsonBodies(JsonMessageHandler<T> json) {
        this.json = json;
        this.target = () -> json;
    }

    private DeferredJsonBodies(JsonMessageHandler<T> json, Argument<T> type) {
        this.json = json;
        this.target = SupplierUtil.memoized(() -> json.createSpecific(type));
    }

    /**
     * Builds now what the first body would build: SnapStart's priming calls this for the status route's writer, so
     * that the snapshot holds its serializer. Nothing to do for a writer that is not this handler.
     */
    public static void prepare(io.micronaut.http.body.MessageBodyWriter<?> writer) {
        if (writer instanceof DeferredJsonBodies<?> deferred) {
            deferred.target.get();
        }
    }

    @Override
    public DeferredJsonBodies<T> createSpecific(Argument<T> type) {
        return new DeferredJsonBodies<>(json, type);
    }

    @Override
    public boolean isReadable(Argument<T> type, MediaType mediaType) {
        return json.isReadable(type, mediaType);
    }

    @Override
    public boolean isWriteable(Argument<T> type, MediaType mediaType) {
        return json.isWriteable(type, mediaType);
    }

    @Override
    public boolean isBlocking() {
        return json.isBlocking();
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, ByteBuffer<?> byteBuffer) {
        return target.get().read(type, mediaType, httpHeaders, byteBuffer);
    }

    @Override
    public T read(Argument<T> type, MediaType mediaType, Headers httpHeaders, InputStream inputStream) {
        return target.get().read(type, mediaType, httpHeaders, inputStream);
    }

    @Override
    public void writeTo(Argument<T> type, MediaType mediaType, T object, MutableHeaders outgoingHeaders,
            OutputStream outputStream) {
        target.get().writeTo(type, mediaType, object, outgoingHeaders, outputStream);
    }

    @Override
    public ByteBuffer<?> writeTo(Argument<T> type, MediaType mediaType, T object, MutableHeaders outgoingHeaders,
            ByteBufferFactory<?, ?> bufferFactory) {
        return target.get().writeTo(type, mediaType, object, outgoingHeaders, bufferFactory);
    }

    @Override
    public ByteBodyHttpResponse<?> write(ByteBodyFactory bodyFactory, HttpRequest<?> request,
            MutableHttpResponse<T> httpResponse, Argument<T> type, MediaType mediaType, T object) {
        return target.get().write(bodyFactory, request, httpResponse, type, mediaType, object);
    }

    @Override
    public CloseableByteBody writePiece(ByteBodyFactory bodyFactory, HttpRequest<?> request, HttpResponse<?> response,
            Argument<T> type, MediaType mediaType, T object) throws CodecException {
        return target.get().writePiece(bodyFactory, request, response, type, mediaType, object);
    }

    @Override
    public CustomizableJsonHandler customize(JsonFeatures jsonFeatures) {
        return target.get().customize(jsonFeatures);
    }
}
