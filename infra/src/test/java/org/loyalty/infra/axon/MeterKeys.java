package org.loyalty.infra.axon;

import io.micrometer.core.instrument.Meter;
import java.util.stream.Collectors;

/** How the meter tests name a meter when they compare registries: {@code name{tag=value,...}}. */
final class MeterKeys {

    private MeterKeys() {
    }

    static String of(Meter meter) {
        return meter.getId().getTags().stream().map(tag -> tag.getKey() + "=" + tag.getValue())
                .collect(Collectors.joining(",", meter.getId().getName() + "{", "}"));
    }
}
