package org.rlaif.workbench.training;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rlaif.workbench.io.Json;

/**
 * The run protocol, read from {@code training/protocol.json} on the class path: the same file the Python trainers'
 * tests check their output against, so the writer and this reader cannot drift apart. {@link #parse} turns one
 * JSON object into a {@link RunEvent}, or says what is wrong with it.
 */
public final class RunProtocol {
    private static final String RESOURCE = "/training/protocol.json";
    private static final RunProtocol INSTANCE = load();

    private final int version;
    private final JsonNode events;
    private final Set<String> states = new HashSet<>();
    private final Set<String> artifactKinds = new HashSet<>();

    private RunProtocol(JsonNode root) {
        this.version = root.path("version").asInt();
        this.events = root.path("events");
        root.path("states").forEach(s -> states.add(s.asText()));
        root.path("artifact_kinds").forEach(s -> artifactKinds.add(s.asText()));
    }

    public static RunProtocol get() {
        return INSTANCE;
    }

    public int version() {
        return version;
    }

    public Set<String> eventNames() {
        Set<String> names = new HashSet<>();
        events.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static RunProtocol load() {
        try (InputStream in = RunProtocol.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return new RunProtocol(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** The event in {@code line}, checked against the protocol. */
    public RunEvent parse(JsonNode line) throws ProtocolException {
        String name = line.path("event").asText("");
        JsonNode def = events.get(name);
        if (def == null) {
            throw new ProtocolException(name.isEmpty() ? "a JSON line without an \"event\" field"
                    : "unknown event \"" + name + "\"");
        }
        List<String> problems = new ArrayList<>();
        check(line, def.path("required"), true, problems);
        check(line, def.path("optional"), false, problems);
        if (!problems.isEmpty()) {
            throw new ProtocolException("event \"" + name + "\": " + String.join("; ", problems));
        }
        return build(name, line);
    }

    private static void check(JsonNode line, JsonNode fields, boolean required, List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode value = line.get(f.getKey());
            if (value == null) {
                if (required) {
                    problems.add("\"" + f.getKey() + "\" is missing");
                }
                continue;
            }
            String type = f.getValue().asText();
            if (!hasType(value, type)) {
                problems.add("\"" + f.getKey() + "\" should be " + type + ", not " + value.getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    private static boolean hasType(JsonNode v, String type) {
        if (type.endsWith("|null") && v.isNull()) {
            return true;
        }
        return switch (type.replace("|null", "")) {
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            // a NaN loss is a number as Python writes it; the run treats it as divergence, not as a protocol error
            case "number" -> v.isNumber();
            case "string" -> v.isTextual();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "boolean" -> v.isBoolean();
            default -> false;
        };
    }

    private RunEvent build(String name, JsonNode l) throws ProtocolException {
        return switch (name) {
            case "hello" -> new RunEvent.Hello(l.get("protocol").asInt(), l.get("trainer").asText(),
                    l.get("versions"), l.get("device"));
            case "metric" -> new RunEvent.Metric(l.get("step").asLong(), l.get("name").asText(),
                    l.get("value").asDouble());
            case "progress" -> new RunEvent.Progress(l.get("done").asLong(), l.get("total").asLong(),
                    l.path("unit").asText("steps"));
            case "sample" -> new RunEvent.Sample(l.get("step").asLong(), l.get("prompt").asText(),
                    l.get("completion").asText(), l.hasNonNull("reward") ? l.get("reward").asDouble() : null);
            case "artifact" -> {
                String kind = l.get("kind").asText();
                if (!artifactKinds.contains(kind)) {
                    throw new ProtocolException("event \"artifact\": unknown kind \"" + kind + "\"");
                }
                yield new RunEvent.Artifact(kind, l.get("path").asText(),
                        l.hasNonNull("step") ? l.get("step").asLong() : null);
            }
            case "log" -> new RunEvent.Log(l.path("level").asText("info"), l.get("message").asText());
            case "status" -> {
                String state = l.get("state").asText();
                if (!states.contains(state)) {
                    throw new ProtocolException("event \"status\": unknown state \"" + state + "\"");
                }
                yield new RunEvent.Status(state, l.path("message").asText(""));
            }
            default -> throw new ProtocolException("unknown event \"" + name + "\"");
        };
    }

    /** A line that claims to be an event but breaks the protocol. */
    public static final class ProtocolException extends Exception {
        public ProtocolException(String message) {
            super(message);
        }
    }
}
