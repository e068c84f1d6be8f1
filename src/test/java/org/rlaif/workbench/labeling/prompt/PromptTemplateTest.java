package org.rlaif.workbench.labeling.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.client.ChatMessage;

class PromptTemplateTest {
    @Test
    void everyShippedTemplateParses() {
        for (Task task : Task.values()) {
            PromptTemplate t = PromptTemplates.shipped(task);
            assertThat(t.verdict()).contains("1 or 2");
            assertThat(t.asksFor()).isEqualTo(task == Task.HARMLESSNESS ? PromptTemplate.AsksFor.WORSE : PromptTemplate.AsksFor.BETTER);
        }
        assertThat(PromptTemplates.shipped(Task.SUMMARIZATION).preamble()).contains("coherence, accuracy, coverage");
    }

    @Test
    void fillsThePairInOnePass() {
        PromptTemplate t = PromptTemplates.shipped(Task.OTHER);
        String text = t.renderPair("say {second}", "I mean {context}", "$1 and \\ too");
        assertThat(text).isEqualTo("Instruction - say {second}\n\nOutput 1 - I mean {context}\n\nOutput 2 - $1 and \\ too");
    }

    @Test
    void buildsTheMessagesOfEachTechnique() {
        PromptTemplate t = PromptTemplates.shipped(Task.HELPFULNESS);
        ShownPair pair = new ShownPair("Hi", "first", "second");
        List<ChatMessage> base = new JudgePrompt(t, Technique.BASE).verdict(pair, List.of());
        assertThat(base).extracting(ChatMessage::role).containsExactly("system", "user");
        assertThat(base.get(0).content()).isEqualTo(t.base());
        List<ChatMessage> pre = new JudgePrompt(t, Technique.PREAMBLE).verdict(pair,
                List.of(new Exemplar(9, new ShownPair("c", "x", "y"), Verdict.SECOND)));
        assertThat(pre).extracting(ChatMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(pre.get(0).content()).isEqualTo(t.preamble());
        assertThat(pre.get(2).content()).isEqualTo("2");
        JudgePrompt cot = new JudgePrompt(t, Technique.COT);
        List<ChatMessage> step1 = cot.rationale(pair, List.of());
        assertThat(step1.get(1).content()).endsWith("Rationale:");
        List<ChatMessage> step2 = cot.verdictAfter(step1, "because");
        assertThat(step2).extracting(ChatMessage::role).containsExactly("system", "user", "assistant", "user");
        assertThat(JudgePrompt.transcript(step2)).contains("[assistant]\nbecause");
    }

    @Test
    void badTemplatesAreRefusedWithTheirNameAndLine() {
        String ok = PromptTemplates.shippedText(Task.OTHER);
        assertThatThrownBy(() -> PromptTemplate.parse("mine.txt", ok.replace("{second}", "{secnd}")))
                .hasMessageContaining("mine.txt: section [pair] must contain {second}");
        assertThatThrownBy(() -> PromptTemplate.parse("mine.txt", ok.replace("[verdict]", "[verdikt]")))
                .hasMessageMatching("mine\\.txt:\\d+: unknown section \\[verdikt].*");
        assertThatThrownBy(() -> PromptTemplate.parse("mine.txt", "hello\n" + ok))
                .hasMessage("mine.txt:1: text before the first [section]");
        assertThatThrownBy(() -> PromptTemplate.parse("mine.txt", ok.replace("asks-for = better", "asks-for = louder")))
                .hasMessageContaining("asks-for must be 'better' or 'worse'");
        assertThatThrownBy(() -> PromptTemplates.withOverrides(Map.of(Task.OTHER, "[base]\nx")))
                .isInstanceOf(TemplateException.class).hasMessageContaining("other template");
    }
}
