package org.rlaif.workbench.labeling;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.LabelerKind;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.prompt.Technique;

/**
 * An AI labeler as the project stores it: name, server, model, size, technique and {@link AiLabelerSettings}.
 *
 * @param params parameter count when known (the scaling chart's x axis), else null
 */
public record AiLabelerConfig(String name, String baseUrl, String model, Double params, Technique technique,
                              AiLabelerSettings settings) {

    public AiLabelerConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(technique, "technique");
        Objects.requireNonNull(settings, "settings");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a labeler needs a name");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("labeler '" + name + "' needs a model name");
        }
        OpenAiChatClient.chatCompletionsUri(baseUrl); // refuses what is not an http(s) URL, with a clear message
        if (params != null && !(params > 0)) {
            throw new IllegalArgumentException("parameter count must be positive, got " + params);
        }
    }

    public Labeler toLabeler(long id) {
        return new Labeler(id, name, LabelerKind.AI, model, params, technique.key(), baseUrl, settings.toJson());
    }

    public static AiLabelerConfig fromLabeler(Labeler labeler) {
        if (labeler.kind() != LabelerKind.AI) {
            throw new LabelingSetupException("labeler '" + labeler.name() + "' is " + labeler.kind()
                    + ", not an AI labeler that can be run");
        }
        if (labeler.endpoint() == null || labeler.modelId() == null) {
            throw new LabelingSetupException("labeler '" + labeler.name() + "' has no server or model configured"
                    + " (it was probably imported from a file)");
        }
        try {
            return new AiLabelerConfig(labeler.name(), labeler.endpoint(), labeler.modelId(), labeler.params(),
                    labeler.technique() == null ? Technique.BASE : Technique.parse(labeler.technique()),
                    AiLabelerSettings.fromJson(labeler.configJson()));
        } catch (IllegalArgumentException e) {
            throw new LabelingSetupException("labeler '" + labeler.name() + "': " + e.getMessage(), e);
        }
    }

    /** Differences that would mix two kinds of labels under one labeler name. */
    public List<String> labelAffectingDifferences(AiLabelerConfig other) {
        List<String> out = new ArrayList<>();
        if (!model.equals(other.model)) {
            out.add("model " + model + " vs " + other.model);
        }
        if (technique != other.technique) {
            out.add("technique " + technique.key() + " vs " + other.technique.key());
        }
        out.addAll(settings.labelAffectingDifferences(other.settings));
        return out;
    }

    public AiLabelerConfig withSettings(AiLabelerSettings newSettings) {
        return new AiLabelerConfig(name, baseUrl, model, params, technique, newSettings);
    }
}
