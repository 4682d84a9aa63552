package io.quantsinfra.core.catalog;

import io.quantsinfra.core.error.NotFoundException;
import java.util.List;

/**
 * The services quants-infra knows how to run.
 *
 * {@snippet :
 * ServiceType collector = ServiceCatalog.standard().get("data-collector");
 * }
 */
public final class ServiceCatalog {
    private final List<ServiceType> types;

    private ServiceCatalog(List<ServiceType> types) {
        this.types = List.copyOf(types);
    }

    /** freqtrade, data-collector and monitor. */
    public static ServiceCatalog standard() {
        return new ServiceCatalog(List.of(new FreqtradeService(), new DataCollectorService(), new MonitorService()));
    }

    /** Every service type, in catalogue order. */
    public List<ServiceType> all() {
        return types;
    }

    /** The type named {@code name}; NotFoundException listing the known names otherwise. */
    public ServiceType get(String name) {
        for (ServiceType t : types) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new NotFoundException("unknown service '" + io.quantsinfra.core.deploy.InstanceId.printable(name == null ? "" : name)
                + "'; known services: " + String.join(", ", types.stream().map(ServiceType::name).toList()));
    }
}
