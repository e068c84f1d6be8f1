package org.rlaif.workbench.labeling.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.rlaif.workbench.domain.Task;

/**
 * The templates shipped under {@code resources/prompts/} (one per task), and a labeler's own edited versions on top.
 */
public final class PromptTemplates {
    private static final Map<Task, PromptTemplate> SHIPPED = new EnumMap<>(Task.class);

    private final Map<Task, PromptTemplate> templates;

    private PromptTemplates(Map<Task, PromptTemplate> templates) {
        this.templates = templates;
    }

    /** The shipped templates with {@code overrides} (task → template text) in their place. */
    public static PromptTemplates withOverrides(Map<Task, String> overrides) {
        Map<Task, PromptTemplate> all = new EnumMap<>(Task.class);
        for (Task task : Task.values()) {
            String own = overrides.get(task);
            all.put(task, own == null ? shipped(task) : PromptTemplate.parse(task.key() + " template", own));
        }
        return new PromptTemplates(all);
    }

    public PromptTemplate forTask(Task task) {
        return templates.get(task);
    }

    /** The template shipped for a task. */
    public static synchronized PromptTemplate shipped(Task task) {
        return SHIPPED.computeIfAbsent(task, t -> PromptTemplate.parse("prompts/" + t.key() + ".txt", shippedText(t)));
    }

    /** The text of the template shipped for a task, e.g. to start editing from. */
    public static String shippedText(Task task) {
        String resource = "/prompts/" + task.key() + ".txt";
        try (InputStream in = PromptTemplates.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read prompt template " + resource, e);
        }
    }
}
