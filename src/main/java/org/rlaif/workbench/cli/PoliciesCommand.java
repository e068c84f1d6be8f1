package org.rlaif.workbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.io.outputs.OutputRecord;
import org.rlaif.workbench.io.outputs.OutputsFile;
import org.rlaif.workbench.io.outputs.OutputsImport;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.policy.PolicyPrompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "policies", mixinStandardHelpOptions = true, description = {
        "The project's policies: `policies list` shows them (trained here, teachers, imported) with their kind, run,",
        "reward source and outputs; `policies import` stores outputs written elsewhere; `policies prompts` fills the",
        "prompts from the pairs' contexts and says which are held out."},
        subcommands = {PoliciesCommand.ListPolicies.class, PoliciesCommand.Import.class, PoliciesCommand.Prompts.class})
final class PoliciesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "say what: list, import or prompts");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The policies, with their outputs.")
    static final class ListPolicies implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ProjectOption project;
        @Option(names = "--json", description = "the list as JSON")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ProjectStore store = project.openExisting()) {
                List<Policy> policies = store.read(c -> store.policies().list(c));
                Map<Long, Long> counts = store.read(c -> store.policies().outputCounts(c));
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Policy p : policies) {
                    rows.add(row(p, counts.getOrDefault(p.id(), 0L)));
                }
                if (json) {
                    JsonOutput.print(out, rows);
                } else if (rows.isEmpty()) {
                    out.println("no policies yet");
                } else {
                    out.printf("%5s  %-28s %-10s %6s %-13s %8s  %s%n", "id", "name", "kind", "run", "reward",
                            "outputs", "from");
                    for (Map<String, Object> r : rows) {
                        out.printf(Locale.ROOT, "%5d  %-28s %-10s %6s %-13s %,8d  %s%n", r.get("id"), r.get("name"),
                                r.get("kind"), r.get("run_id") == null ? "-" : r.get("run_id"),
                                r.get("reward_source") == null ? "-" : r.get("reward_source"), r.get("outputs"),
                                r.get("from") == null ? "" : r.get("from"));
                    }
                }
                out.flush();
                return 0;
            }
        }
    }

    private static Map<String, Object> row(Policy p, long outputs) {
        JsonNode config;
        try {
            config = Json.mapper().readTree(p.configJson());
        } catch (IOException e) {
            config = Json.mapper().createObjectNode();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("kind", p.kind().name());
        m.put("run_id", p.runId());
        m.put("model_path", p.modelPath());
        m.put("reward_source", config.path("reward_source").asText(null));
        m.put("from", config.hasNonNull("base_policy") ? config.get("base_policy").asText()
                : config.hasNonNull("base") ? config.get("base").asText()
                : config.hasNonNull("model") ? config.get("model").asText()
                : config.path("imported_from").asText(null));
        m.put("outputs", outputs);
        m.put("config", config);
        return m;
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false, description = {
            "Store policy outputs written elsewhere, as outputs of IMPORTED policies, so they can be judged head to",
            "head: a file of records with prompt, policy and response (JSON lines, a JSON array, CSV or TSV;",
            "AlpacaEval's instruction/output/generator are understood), or --from-pairs: the summaries of the",
            "project's TL;DR comparisons, each named by the policy that wrote it. Importing again adds nothing."})
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ProjectOption project;
        @Parameters(arity = "0..1", paramLabel = "FILE", description = "the outputs file")
        Path file;
        @Option(names = "--from-pairs", description = "the summaries of the project's pairs that name their policy")
        boolean fromPairs;
        @Option(names = "--task", paramLabel = "TASK", defaultValue = "other",
                description = "task of prompts the project does not have yet (default: ${DEFAULT-VALUE})")
        String task;
        @Option(names = "--split", paramLabel = "test|train", defaultValue = "test",
                description = "split of prompts the project does not have yet (default: ${DEFAULT-VALUE})")
        String split;
        @Option(names = "--json", description = "the counts as JSON")
        boolean json;

        @Override
        public Integer call() throws ImportException {
            if ((file == null) == !fromPairs) {
                throw new CliFailure("give an outputs FILE, or --from-pairs");
            }
            Task t;
            Split s;
            try {
                t = Task.parse(task);
                s = Split.parse(split);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage(), e);
            }
            try (ProjectStore store = project.openExisting()) {
                PolicyPrompts.sync(store); // prompts of the pairs first, with their held-out split
                List<OutputRecord> records = fromPairs ? OutputsImport.fromPairs(store) : OutputsFile.read(file);
                if (records.isEmpty()) {
                    throw new CliFailure("none of the project's pairs names the policy that wrote a response"
                            + " (the TL;DR comparisons do)");
                }
                OutputsImport.Report r = OutputsImport.store(store, records, t, s, fromPairs ? "pairs"
                        : file.getFileName().toString());
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("records", r.records());
                    m.put("added", r.added());
                    m.put("already_there", r.alreadyThere());
                    m.put("policies", r.policies());
                    m.put("new_prompts", r.newPrompts());
                    JsonOutput.print(out, m);
                } else {
                    out.printf(Locale.ROOT, "%,d outputs added, %,d already there, of %,d records; policies: %s;"
                                    + " %,d new prompts%n", r.added(), r.alreadyThere(), r.records(),
                            String.join(", ", r.policies()), r.newPrompts());
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "prompts", mixinStandardHelpOptions = true, description = {
            "Fill the prompts policies answer from the pairs' contexts (once each) and print how many are held out."})
    static final class Prompts implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ProjectOption project;
        @Option(names = "--json", description = "the counts as JSON")
        boolean json;

        @Override
        public Integer call() {
            try (ProjectStore store = project.openExisting()) {
                PolicyPrompts.Counts c = PolicyPrompts.sync(store);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("pairs", c.pairs());
                    m.put("prompts", c.prompts());
                    m.put("train", c.train());
                    m.put("test", c.test());
                    m.put("changed", c.changed());
                    m.put("split_rule", c.splitRule());
                    JsonOutput.print(out, m);
                } else {
                    out.println(c.describe());
                }
                out.flush();
                return 0;
            }
        }
    }
}
