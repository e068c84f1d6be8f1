package org.rlaif.workbench.labeling.teacher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.LabelingSetupException;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.prompt.TaskTemplates;

/**
 * A teacher: a model asked over an OpenAI-compatible API to write the responses an SFT policy learns from (decision
 * 47). Stored as the config of a {@code TEACHER} policy: server, model, the prompt template's text and the sampling
 * and traffic settings (those of {@link AiLabelerSettings}, whose API key is only ever the NAME of where it is kept).
 *
 * @param template the template file's text (the shipped one unless the user gave their own)
 */
public record TeacherConfig(String name, String baseUrl, String model, String template, AiLabelerSettings settings) {
    public static final String TEMPLATE_FILE = "teacher.txt";
    public static final List<String> PLACEHOLDERS = List.of("prompt");

    public TeacherConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(settings, "settings");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a teacher needs a name");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("teacher '" + name + "' needs a model name (--model)");
        }
        OpenAiChatClient.chatCompletionsUri(baseUrl); // refuses what is not an http(s) URL, with a clear message
        templates(); // refuses a template without its sections or placeholders
    }

    /** The shipped template's text, to start from. */
    public static String shippedTemplate() {
        return TaskTemplates.shippedText(TEMPLATE_FILE);
    }

    public TaskTemplates templates() {
        return TaskTemplates.load(TEMPLATE_FILE, template, "teacher '" + name + "' template", PLACEHOLDERS);
    }

    /** The user message for one prompt. */
    public String message(Task task, String prompt) {
        return templates().render(task, Map.of("prompt", prompt));
    }

    public Policy toPolicy() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("base_url", baseUrl);
        o.put("model", model);
        o.put("template", template);
        try {
            o.set("settings", Json.mapper().readTree(settings.toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Policy(0, name, PolicyKind.TEACHER, null, null, o.toString());
    }

    public static TeacherConfig fromPolicy(Policy p) {
        if (p.kind() != PolicyKind.TEACHER) {
            throw new LabelingSetupException("policy '" + p.name() + "' is " + p.kind() + ", not a teacher");
        }
        try {
            JsonNode o = Json.mapper().readTree(p.configJson());
            return new TeacherConfig(p.name(), o.path("base_url").asText(null), o.path("model").asText(null),
                    o.path("template").asText(shippedTemplate()),
                    AiLabelerSettings.fromJson(o.path("settings").toString()));
        } catch (IOException | IllegalArgumentException e) {
            throw new LabelingSetupException("teacher '" + p.name() + "' has unreadable settings: " + e.getMessage(), e);
        }
    }

    /** What differs in how the responses are written (not in how fast they are asked for). */
    public List<String> differences(TeacherConfig other) {
        List<String> out = new ArrayList<>();
        if (!model.equals(other.model)) {
            out.add("model " + model + " vs " + other.model);
        }
        if (!template.equals(other.template)) {
            out.add("prompt template");
        }
        if (settings.temperature() != other.settings.temperature()) {
            out.add("temperature " + settings.temperature() + " vs " + other.settings.temperature());
        }
        if (settings.maxTokens() != other.settings.maxTokens()) {
            out.add("max tokens " + settings.maxTokens() + " vs " + other.settings.maxTokens());
        }
        return out;
    }
}
