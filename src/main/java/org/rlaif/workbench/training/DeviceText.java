package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;

/** A trainer's device, as it reports it in its {@code hello} (and {@code env_check}), in words. */
public final class DeviceText {
    private DeviceText() {
    }

    /** E.g. "cuda: NVIDIA H200 (139.8 GiB)" or "cpu (2 threads)". */
    public static String describe(JsonNode device) {
        String type = device.path("type").asText("unknown device");
        StringBuilder s = new StringBuilder(type);
        if (device.hasNonNull("name") && !device.get("name").asText().equals(type)) {
            s.append(": ").append(device.get("name").asText());
        }
        if (device.hasNonNull("memory_gb")) {
            s.append(String.format(java.util.Locale.ROOT, " (%.1f GiB)", device.get("memory_gb").asDouble()));
        } else if (device.hasNonNull("threads")) {
            s.append(" (").append(device.get("threads").asInt()).append(" threads)");
        }
        return s.toString();
    }
}
