package io.quantsinfra.api.docs;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.quantsinfra.core.error.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Serves the OpenAPI 3 document that the build generates from the controllers. */
@Controller
@Hidden
final class OpenApiController {
    static final String RESOURCE = "META-INF/openapi/quants-infra.yml";
    private final String document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            document = in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.yml")
    @Produces("application/yaml")
    HttpResponse<String> openapi() {
        if (document == null) {
            throw new NotFoundException("the OpenAPI document was not built into this jar");
        }
        return HttpResponse.ok(document);
    }
}
