package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.ImportOptions;
import org.rlaif.workbench.io.ImportProgress;
import org.rlaif.workbench.io.ImportService;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.PolicyProject;

/**
 * Outputs written elsewhere become outputs of IMPORTED policies: files of (prompt, policy, response) in JSON lines,
 * a JSON array or CSV, the summaries of TL;DR comparisons; importing again adds nothing; a bad record is named by file
 * and line and nothing is stored.
 */
class PolicyOutputsImportTest {
    @TempDir
    Path dir;
    Path project;

    @BeforeEach
    void toyProject() {
        project = dir.resolve("toy.rlaif");
        PolicyProject.write(project, 8, 4);
    }

    @Test
    void aJsonLinesFileMakesImportedPoliciesAndImportingAgainAddsNothing() throws IOException {
        String known = firstContext();
        Path file = Files.writeString(dir.resolve("outs.jsonl"), line(known, "gpt-x", "Rain is nice.")
                + line(known, "llama-y", "Rain? Hm.") + line("A prompt of its own", "gpt-x", "Sure.") + "\n");
        JsonNode r = json(run("policies", "import", "-p", project.toString(), file.toString(), "--json"));
        assertThat(r.path("added").asLong()).isEqualTo(3);
        assertThat(r.path("policies").toString()).isEqualTo("[\"gpt-x\",\"llama-y\"]");
        assertThat(r.path("new_prompts").asLong()).isEqualTo(1);
        JsonNode again = json(run("policies", "import", "-p", project.toString(), file.toString(), "--json"));
        assertThat(again.path("added").asLong()).isZero();
        assertThat(again.path("already_there").asLong()).isEqualTo(3);
        try (ProjectStore store = ProjectStore.open(project)) {
            Policy gpt = store.read(c -> store.policies().findByName(c, "gpt-x")).orElseThrow();
            assertThat(gpt.kind()).isEqualTo(PolicyKind.IMPORTED);
            List<PolicyOutput> outputs = store.read(c -> store.policies().outputs(c, gpt.id()));
            assertThat(outputs).extracting(PolicyOutput::response).containsExactlyInAnyOrder("Rain is nice.", "Sure.");
            Prompt own = store.read(c -> store.policies().findPrompt(c, outputs.stream()
                    .filter(o -> o.response().equals("Sure.")).findFirst().orElseThrow().promptId())).orElseThrow();
            assertThat(own.split()).as("a prompt the project lacked is held out by default").isEqualTo(Split.TEST);
        }
    }

    @Test
    void aCsvFileAndAlpacaEvalsJsonArrayAreReadAndTheSameTextIsNotAddedTwice() throws IOException {
        String known = firstContext();
        Path csv = Files.writeString(dir.resolve("outs.csv"), "prompt,policy,response\n\"" + known
                + "\",gpt-x,\"Rain is nice, really.\"\n\"" + known + "\",gpt-x,Another sample.\n");
        JsonNode r = json(run("policies", "import", "-p", project.toString(), csv.toString(), "--json"));
        assertThat(r.path("added").asLong()).isEqualTo(2);
        Path alpaca = Files.writeString(dir.resolve("alpaca_outputs.json"), "[\n  {\"instruction\": "
                + Json.mapper().writeValueAsString(known) + ", \"output\": \"Rain is nice, really.\", \"generator\":"
                + " \"gpt-x\"},\n  {\"instruction\": \"New one\", \"output\": \"Ok\", \"generator\": \"gpt-x\"}\n]\n");
        JsonNode a = json(run("policies", "import", "-p", project.toString(), alpaca.toString(), "--json"));
        assertThat(a.path("added").asLong()).as("the text gpt-x already wrote for that prompt is there").isEqualTo(1);
        assertThat(a.path("already_there").asLong()).isEqualTo(1);
        try (ProjectStore store = ProjectStore.open(project)) {
            Policy gpt = store.read(c -> store.policies().findByName(c, "gpt-x")).orElseThrow();
            assertThat(store.<List<PolicyOutput>>read(c -> store.policies().outputs(c, gpt.id()))).extracting(PolicyOutput::sampleIndex)
                    .containsExactlyInAnyOrder(0, 1, 0);
        }
    }

    @Test
    void aBadRecordIsNamedByFileAndLineAndNothingIsStored() throws IOException {
        String known = firstContext();
        Path file = Files.writeString(dir.resolve("bad.jsonl"), line(known, "gpt-x", "fine") + line(known, "gpt-x",
                "also fine") + "{\"prompt\": \"p\", \"policy\": \"gpt-x\"}\n");
        Result r = run("policies", "import", "-p", project.toString(), file.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains(file + ":3: no response field (one of: response, output, completion");
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.<List<Policy>>read(c -> store.policies().list(c))).isEmpty();
        }
    }

    @Test
    void aPolicyNameTakenByAnotherKindIsRefusedAndNothingIsStored() throws IOException {
        try (ProjectStore store = ProjectStore.open(project)) {
            store.write(c -> store.policies().findOrCreate(c, Policy.of("sft-mine", PolicyKind.SFT)));
        }
        Path file = Files.writeString(dir.resolve("outs.jsonl"), line("p", "other", "x") + line("p", "sft-mine", "y"));
        Result r = run("policies", "import", "-p", project.toString(), file.toString());
        assertThat(r.status).isEqualTo(1);
        assertThat(r.err).contains("policy 'sft-mine' already exists as SFT, not IMPORTED");
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.<java.util.Optional<Policy>>read(c -> store.policies().findByName(c, "other"))).isEmpty();
        }
    }

    @Test
    void theSummariesOfTldrComparisonsBecomeTheOutputsOfThePoliciesThatWroteThem() throws Exception {
        Path tldr = dir.resolve("comparisons.jsonl");
        Files.writeString(tldr, tldrLine("p1", "sup2", "Summary one.", "ppo_xl", "Summary two.", 0, "train")
                + tldrLine("p1", "ppo_xl", "Summary two.", "ref", "Summary three.", 1, "train")
                + tldrLine("p2", "sup2", "Other one.", "ppo_xl", "Other two.", 0, "valid2"));
        Path p = dir.resolve("tldr.rlaif");
        try (ProjectStore store = ProjectStore.open(p)) {
            new ImportService().importFiles(store, List.of(tldr), "tldr", ImportOptions.defaults(),
                    ImportProgress.NONE);
        }
        JsonNode r = json(run("policies", "import", "-p", p.toString(), "--from-pairs", "--json"));
        assertThat(r.path("records").asLong()).isEqualTo(6);
        assertThat(r.path("added").asLong()).as("'Summary two.' by ppo_xl is in two comparisons").isEqualTo(5);
        assertThat(r.path("policies").toString()).isEqualTo("[\"ppo_xl\",\"ref\",\"sup2\"]");
        assertThat(json(run("policies", "import", "-p", p.toString(), "--from-pairs", "--json")).path("added")
                .asLong()).isZero();
        try (ProjectStore store = ProjectStore.open(p)) {
            Policy ppo = store.read(c -> store.policies().findByName(c, "ppo_xl")).orElseThrow();
            List<PolicyOutput> outs = store.read(c -> store.policies().outputs(c, ppo.id()));
            assertThat(outs).extracting(PolicyOutput::response).containsExactlyInAnyOrder("Summary two.", "Other two.");
            Prompt p2 = store.read(c -> store.policies().findPrompt(c, outs.stream()
                    .filter(o -> o.response().equals("Other two.")).findFirst().orElseThrow().promptId()))
                    .orElseThrow();
            assertThat(p2.split()).isEqualTo(Split.TEST);
        }
        Result list = run("policies", "list", "-p", p.toString(), "--json");
        assertThat(json(list)).hasSize(3);
    }

    private String firstContext() {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.comparisons().page(c, 0, 1)).getFirst().context();
        }
    }

    private static String line(String prompt, String policy, String response) throws IOException {
        return Json.mapper().writeValueAsString(java.util.Map.of("prompt", prompt, "policy", policy, "response",
                response)) + "\n";
    }

    private static String tldrLine(String post, String pa, String a, String pb, String b, int choice, String split)
            throws IOException {
        var m = Json.mapper().createObjectNode();
        m.putObject("info").put("id", post).put("post", "Post " + post).put("title", "T").put("subreddit", "r");
        var s = m.putArray("summaries");
        s.addObject().put("text", a).put("policy", pa);
        s.addObject().put("text", b).put("policy", pb);
        m.put("choice", choice).put("worker", "w1").put("batch", "b").put("split", split);
        return Json.mapper().writeValueAsString(m) + "\n";
    }

    private static JsonNode json(Result r) throws IOException {
        assertThat(r.status).as(r.err).isZero();
        return Json.mapper().readTree(r.out);
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(status, out.toString(), err.toString());
    }
}
