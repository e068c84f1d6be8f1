package org.rlaif.workbench.labeling.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rlaif.workbench.labeling.client.ChatMessage;

/**
 * Builds the chat messages of a judge query from a template and a technique. The instruction is the system message;
 * each few-shot exemplar is a user turn answered by an assistant turn ("1" or "2"), the way chat models learn a
 * format best; the pair to judge comes last.
 */
public final class JudgePrompt {
    private final PromptTemplate template;
    private final Technique technique;

    public JudgePrompt(PromptTemplate template, Technique technique) {
        this.template = Objects.requireNonNull(template, "template");
        this.technique = Objects.requireNonNull(technique, "technique");
    }

    public PromptTemplate template() {
        return template;
    }

    public Technique technique() {
        return technique;
    }

    /** The one-step query: instruction, exemplars, then the pair with the verdict question. */
    public List<ChatMessage> verdict(ShownPair pair, List<Exemplar> exemplars) {
        List<ChatMessage> messages = opening(exemplars);
        messages.add(ChatMessage.user(pairText(pair) + "\n\n" + template.verdict()));
        return messages;
    }

    /** Step one of chain of thought: the pair with a request for a rationale. */
    public List<ChatMessage> rationale(ShownPair pair, List<Exemplar> exemplars) {
        List<ChatMessage> messages = opening(exemplars);
        messages.add(ChatMessage.user(pairText(pair) + "\n\n" + template.rationale()));
        return messages;
    }

    /** Step two of chain of thought: the conversation of step one, its rationale, then the verdict question. */
    public List<ChatMessage> verdictAfter(List<ChatMessage> rationaleQuery, String rationale) {
        List<ChatMessage> messages = new ArrayList<>(rationaleQuery);
        messages.add(ChatMessage.assistant(rationale));
        messages.add(ChatMessage.user(template.verdict()));
        return messages;
    }

    private List<ChatMessage> opening(List<Exemplar> exemplars) {
        List<ChatMessage> messages = new ArrayList<>();
        messages.add(ChatMessage.system(template.instruction(technique)));
        for (Exemplar e : exemplars) {
            messages.add(ChatMessage.user(pairText(e.pair()) + "\n\n" + template.verdict()));
            messages.add(ChatMessage.assistant(e.answer() == Verdict.FIRST ? "1" : "2"));
        }
        return messages;
    }

    private String pairText(ShownPair pair) {
        return template.renderPair(pair.context(), pair.first(), pair.second());
    }

    /** The messages as one readable text, as kept with each label. */
    public static String transcript(List<ChatMessage> messages) {
        StringBuilder out = new StringBuilder();
        for (ChatMessage m : messages) {
            if (!out.isEmpty()) {
                out.append("\n\n");
            }
            out.append('[').append(m.role()).append("]\n").append(m.content());
        }
        return out.toString();
    }
}
