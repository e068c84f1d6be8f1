package org.rlaif.workbench.labeling.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rlaif.workbench.domain.Task;

/**
 * A prompt file with one section per task ({@code [summarization]}, {@code [helpfulness]}, {@code [harmlessness]},
 * {@code [other]}), each a user message with named placeholders: the teacher's ({@code {prompt}}) and the
 * direct-RLAIF rating's ({@code {context}}, {@code {response}}). A file of one's own may hold only some tasks; the
 * others keep the shipped text. Lines starting with {@code #} before the first section are notes, not sent.
 */
public final class TaskTemplates {
    private static final Pattern SECTION = Pattern.compile("^\\[([a-z-]+)]\\s*$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Map<Task, String> sections;
    private final List<String> placeholders;

    private TaskTemplates(Map<Task, String> sections, List<String> placeholders) {
        this.sections = sections;
        this.placeholders = placeholders;
    }

    /** The shipped file {@code /prompts/<resource>} with {@code own} (a file's text, or null) on top. */
    public static TaskTemplates load(String resource, String own, String ownName, List<String> placeholders) {
        TaskTemplates shipped = parse("prompts/" + resource, shippedText(resource), placeholders, true);
        if (own == null) {
            return shipped;
        }
        Map<Task, String> all = new EnumMap<>(shipped.sections);
        all.putAll(parse(ownName, own, placeholders, false).sections);
        return new TaskTemplates(all, placeholders);
    }

    public static String shippedText(String resource) {
        try (InputStream in = TaskTemplates.class.getResourceAsStream("/prompts/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt file /prompts/" + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /prompts/" + resource, e);
        }
    }

    static TaskTemplates parse(String name, String text, List<String> placeholders, boolean complete) {
        Map<Task, StringBuilder> found = new EnumMap<>(Task.class);
        StringBuilder current = null;
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = SECTION.matcher(lines[i].strip());
            if (m.matches()) {
                Task task;
                try {
                    task = Task.parse(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new TemplateException(name + ":" + (i + 1) + ": unknown section [" + m.group(1)
                            + "] (expected summarization, helpfulness, harmlessness or other)");
                }
                if (found.containsKey(task)) {
                    throw new TemplateException(name + ":" + (i + 1) + ": section [" + m.group(1) + "] appears twice");
                }
                current = new StringBuilder();
                found.put(task, current);
            } else if (current == null) {
                if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                    throw new TemplateException(name + ":" + (i + 1) + ": text before the first [section]");
                }
            } else {
                current.append(lines[i]).append('\n');
            }
        }
        if (found.isEmpty()) {
            throw new TemplateException(name + ": no [task] section (summarization, helpfulness, harmlessness or"
                    + " other)");
        }
        Map<Task, String> sections = new EnumMap<>(Task.class);
        found.forEach((task, body) -> sections.put(task, check(name, task, body.toString().strip(), placeholders)));
        if (complete && sections.size() != Task.values().length) {
            throw new IllegalStateException(name + " must hold a section for every task");
        }
        return new TaskTemplates(sections, placeholders);
    }

    private static String check(String name, Task task, String body, List<String> placeholders) {
        for (String p : placeholders) {
            if (!body.contains("{" + p + "}")) {
                throw new TemplateException(name + ": section [" + task.key() + "] must contain {" + p + "}");
            }
        }
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            if (!placeholders.contains(m.group(1))) {
                throw new TemplateException(name + ": section [" + task.key() + "] has unknown placeholder {"
                        + m.group(1) + "}; use " + String.join(", ", placeholders.stream().map(p -> "{" + p + "}")
                        .toList()));
            }
        }
        return body;
    }

    /** The message for a task with the values put in, in one pass: a value containing "{response}" stays as it is. */
    public String render(Task task, Map<String, String> values) {
        String body = sections.get(task);
        StringBuilder out = new StringBuilder(body.length() + 256);
        int from = 0;
        Matcher m = PLACEHOLDER.matcher(body);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                continue; // checked at parse time: every placeholder is known; the caller gives them all
            }
            out.append(body, from, m.start()).append(value);
            from = m.end();
        }
        return out.append(body, from, body.length()).toString();
    }

    /** The section of a task as text (what a teacher's config keeps). */
    public String section(Task task) {
        return sections.get(task);
    }

    public List<String> placeholders() {
        return placeholders;
    }
}
