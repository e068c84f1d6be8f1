package org.rlaif.workbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.domain.Task;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.ConnectionCheck;
import org.rlaif.workbench.labeling.LabelingListener;
import org.rlaif.workbench.labeling.LabelingProgress;
import org.rlaif.workbench.labeling.LabelingReport;
import org.rlaif.workbench.labeling.LabelingRun;
import org.rlaif.workbench.labeling.LabelingSetupException;
import org.rlaif.workbench.labeling.OsKeyring;
import org.rlaif.workbench.labeling.PairSelection;
import org.rlaif.workbench.labeling.RunControl;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.prompt.PromptTemplate;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "label", sortOptions = false, description = {
        "Label pairs with an AI judge served over the OpenAI chat-completions API",
        "(llama.cpp llama-server, vLLM, Ollama, LM Studio, hosted services).",
        "The labeler's settings are saved in the project under --name; later runs need only --name.",
        "Each label is committed as it arrives: run the same command again after a crash, a kill or a cancel",
        "and only the missing slots are asked. The API key is read from the environment variable or keyring",
        "entry you NAME, and is never written anywhere."},
        footer = {"", "Example:",
                "  llama-server -m qwen2.5-7b-instruct-q4_k_m.gguf --port 8080 -np 8",
                "  rlaif-workbench label -p hh.rlaif --name qwen7b-preamble --base-url http://127.0.0.1:8080/v1 \\",
                "      --model qwen2.5-7b-instruct --params 7.6e9 --technique preamble --both-orders --concurrency 8"})
final class LabelCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;

    @Option(names = "--name", paramLabel = "LABELER", description = "labeler name in the project (created when new)")
    String name;
    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI base URL of the server, e.g. http://127.0.0.1:8080/v1")
    String baseUrl;
    @Option(names = "--model", paramLabel = "NAME", description = "model name sent to the server")
    String model;
    @Option(names = "--params", paramLabel = "N", description = "parameter count for the scaling chart: 7e9, 7B, 770M")
    String params;
    @Option(names = "--api-key-env", paramLabel = "VAR", description = "NAME of the environment variable holding the API key")
    String apiKeyEnv;
    @Option(names = "--api-key-keyring", paramLabel = "ENTRY", description = "NAME of the OS keyring entry (service rlaif-workbench) holding the key")
    String apiKeyKeyring;

    @Option(names = "--technique", paramLabel = "T", description = "base, preamble or cot (rationale, then verdict)")
    String technique;
    @Option(names = "--both-orders", description = "ask each pair in both orders and average them (position debiasing)")
    boolean bothOrders;
    @Option(names = "--order", paramLabel = "ORDER", description = "ab, ba, random or both (default ab)")
    String order;
    @Option(names = "--samples", paramLabel = "N", description = "self-consistency: samples per pair and order")
    Integer samples;
    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature (default 0)")
    Double temperature;
    @Option(names = "--few-shot", paramLabel = "K", description = "exemplars from adjudicated pairs before each pair")
    Integer fewShot;
    @Option(names = "--few-shot-seed", paramLabel = "S", description = "which adjudicated pairs become exemplars")
    Long fewShotSeed;
    @Option(names = "--task-template", paramLabel = "TASK=FILE", description = "use this prompt template file for a task (saved with the labeler)")
    Map<String, Path> taskTemplates = new LinkedHashMap<>();
    @Option(names = "--max-tokens", paramLabel = "N", description = "answer budget of the verdict (default 16)")
    Integer maxTokens;
    @Option(names = "--rationale-max-tokens", paramLabel = "N", description = "answer budget of the rationale (default 512)")
    Integer rationaleMaxTokens;
    @Option(names = "--top-logprobs", paramLabel = "K", description = "alternatives per answer token to ask for (default 5; 0 = none)")
    Integer topLogprobs;

    @Option(names = "--concurrency", paramLabel = "N", description = "requests at once (default 4)")
    Integer concurrency;
    @Option(names = "--rpm", paramLabel = "N", description = "at most N requests per minute (default: no limit)")
    Integer rpm;
    @Option(names = "--timeout", paramLabel = "SECONDS", description = "per request (default 120)")
    Integer timeout;
    @Option(names = "--retries", paramLabel = "N", description = "after a timeout, 429 or 5xx (default 4)")
    Integer retries;
    @Option(names = "--price-in", paramLabel = "USD", description = "price per million input tokens, for the cost estimate")
    Double priceIn;
    @Option(names = "--price-out", paramLabel = "USD", description = "price per million output tokens")
    Double priceOut;

    @Option(names = "--task", paramLabel = "TASK", split = ",", description = "only pairs of these tasks")
    List<String> tasks = new ArrayList<>();
    @Option(names = "--source", paramLabel = "NAME", split = ",", description = "only pairs from these sources")
    List<String> sources = new ArrayList<>();
    @Option(names = "--split", paramLabel = "SPLIT", description = "only train or test pairs")
    String split;
    @Option(names = "--pair-id", paramLabel = "ID", split = ",", description = "only these pairs")
    List<Long> pairIds = new ArrayList<>();
    @Option(names = "--unlabeled-only", description = "only pairs this labeler has no label on yet")
    boolean unlabeledOnly;
    @Option(names = "--sample", paramLabel = "N", description = "a random sample of N pairs (see --seed)")
    Integer sample;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of --sample (default 0)")
    long seed;
    @Option(names = "--limit", paramLabel = "N", description = "at most N pairs")
    Integer limit;
    @Option(names = "--retry-failed", description = "ask again where the label in force is a failed one")
    boolean retryFailed;
    @Option(names = "--resume", paramLabel = "RUN", description = "continue run RUN: same labeler and pairs")
    Long resume;

    @Option(names = "--test-connection", description = "label one pair, print the prompt and the answer, store nothing")
    boolean testConnection;
    @Option(names = "--json", description = "end with one JSON object (labeled, failed, retries, skipped_already_labeled, …)")
    boolean json;

    private final Function<String, String> environment;

    LabelCommand() {
        this(System::getenv);
    }

    /** For tests: the environment the API key variable is read from. */
    LabelCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.exists(project.path())) {
            throw new CliFailure(project.path() + ": no such project file (import pairs first)");
        }
        try (ProjectStore store = ProjectStore.open(project.path())) {
            PairSelection selection = selection(store);
            AiLabelerConfig config = config(store);
            Labeler labeler = testConnection ? config.toLabeler(0) : new AiLabelers(store).save(config);
            String key = new ApiKeySource(environment, OsKeyring.system()).keyFor(config.settings());
            try (OpenAiChatClient client = new OpenAiChatClient(config.baseUrl(), key,
                    Duration.ofSeconds(config.settings().timeoutSeconds()))) {
                if (testConnection) {
                    return printCheck(ConnectionCheck.run(store, config, client));
                }
                return label(store, labeler, selection, client);
            }
        } catch (LabelingSetupException | IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    private PairSelection selection(ProjectStore store) {
        if (resume != null) {
            Run run = store.read(c -> store.runs().find(c, resume))
                    .orElseThrow(() -> new CliFailure("there is no run #" + resume + " in " + project.path()));
            if (!run.kind().equals(LabelingRun.RUN_KIND)) {
                throw new CliFailure("run #" + resume + " is a " + run.kind() + " run, not a labeling run");
            }
            try {
                var specJson = JSON.readTree(run.specJson());
                if (name == null) {
                    name = specJson.path("labeler").asText();
                } else if (!name.equals(specJson.path("labeler").asText())) {
                    throw new CliFailure("run #" + resume + " belongs to labeler '" + specJson.path("labeler").asText() + "'");
                }
                return PairSelection.fromJson(specJson.path("selection"));
            } catch (IOException e) {
                throw new CliFailure("run #" + resume + " has an unreadable spec: " + e.getMessage());
            }
        }
        Set<Task> taskSet = EnumSet.noneOf(Task.class);
        tasks.forEach(t -> taskSet.add(Task.parse(t)));
        return new PairSelection(taskSet, Set.copyOf(sources), split == null ? null : Split.parse(split), pairIds,
                unlabeledOnly, sample, seed, limit, retryFailed);
    }

    /** The stored labeler's configuration with the options given on this command line on top. */
    private AiLabelerConfig config(ProjectStore store) throws IOException {
        if (name == null || name.isBlank()) {
            throw new CliFailure("--name is required: the labeler's name in the project");
        }
        Optional<Labeler> stored = new AiLabelers(store).find(name);
        AiLabelerConfig base = stored.filter(l -> l.endpoint() != null && l.modelId() != null)
                .map(AiLabelerConfig::fromLabeler).orElse(null);
        if (stored.isPresent() && base == null) {
            throw new CliFailure("'" + name + "' is a " + stored.get().kind() + " labeler of this project without a"
                    + " server (probably imported); choose another --name");
        }
        if (base == null && (baseUrl == null || model == null)) {
            throw new CliFailure("labeler '" + name + "' is new: give at least --base-url and --model");
        }
        ObjectNode s = (ObjectNode) JSON.readTree(base == null ? "{}" : base.settings().toJson());
        putIf(s, "temperature", temperature);
        putIf(s, "max_tokens", maxTokens);
        putIf(s, "rationale_max_tokens", rationaleMaxTokens);
        putIf(s, "top_logprobs", topLogprobs);
        putIf(s, "samples", samples);
        putIf(s, "few_shot", fewShot);
        putIf(s, "few_shot_seed", fewShotSeed);
        putIf(s, "concurrency", concurrency);
        putIf(s, "requests_per_minute", rpm);
        putIf(s, "timeout_s", timeout);
        putIf(s, "retries", retries);
        putIf(s, "price_in_per_mtok", priceIn);
        putIf(s, "price_out_per_mtok", priceOut);
        if (bothOrders) {
            s.put("orders", "both");
        } else if (order != null) {
            s.put("orders", order.toLowerCase(Locale.ROOT));
        }
        if (apiKeyEnv != null) {
            s.put("api_key_env", apiKeyEnv);
            s.remove("api_key_keyring");
        }
        if (apiKeyKeyring != null) {
            s.put("api_key_keyring", apiKeyKeyring);
            s.remove("api_key_env");
        }
        for (Map.Entry<String, Path> t : taskTemplates.entrySet()) {
            Task task = Task.parse(t.getKey());
            String text = readTemplate(t.getValue());
            s.with("templates").put(task.key(), text);
        }
        AiLabelerSettings settings = AiLabelerSettings.fromJson(s.toString());
        return new AiLabelerConfig(name, baseUrl != null ? baseUrl : base.baseUrl(), model != null ? model : base.model(),
                params != null ? Double.valueOf(ParameterCount.parse(params)) : base == null ? null : base.params(),
                technique != null ? Technique.parse(technique) : base == null ? Technique.BASE : base.technique(),
                settings);
    }

    private static String readTemplate(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            PromptTemplate.parse(file.toString(), text); // refuses a broken file here, naming it and the line
            return text;
        } catch (IOException e) {
            throw new CliFailure(file + ": cannot read template (" + e.getMessage() + ")");
        }
    }

    private static void putIf(ObjectNode o, String field, Number value) {
        if (value instanceof Integer i) {
            o.put(field, i);
        } else if (value instanceof Long l) {
            o.put(field, l);
        } else if (value instanceof Double d) {
            o.put(field, d);
        }
    }

    private int label(ProjectStore store, Labeler labeler, PairSelection selection, OpenAiChatClient client) {
        RunControl control = new RunControl();
        CountDownLatch ended = new CountDownLatch(1);
        // Ctrl-C: stop the workers, let the run record itself as cancelled, then let the JVM go.
        Thread hook = new Thread(() -> {
            control.cancel();
            try {
                ended.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "label-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        LabelingReport report;
        ConsoleLine line = new ConsoleLine(spec.commandLine().getErr(), !json && System.console() != null);
        try {
            AiLabelerSettings settings = AiLabelerConfig.fromLabeler(labeler).settings();
            report = new LabelingRun(store, labeler, selection, client, RetryPolicy.standard(settings.retries()), resume)
                    .execute(control, line);
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        line.clear();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, toJson(labeler, report));
        } else {
            printText(out, labeler, report);
        }
        if (report.stoppedByFailure()) {
            throw new CliFailure(report.message());
        }
        return report.state() == RunState.CANCELLED ? 130 : 0;
    }

    static Map<String, Object> toJson(Labeler labeler, LabelingReport r) {
        LabelingProgress p = r.progress();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("labeler", labeler.name());
        m.put("run_id", r.runId());
        m.put("state", r.state().name().toLowerCase(Locale.ROOT));
        m.put("message", r.message());
        m.put("labeled", p.labeled());
        m.put("failed", p.failed());
        m.put("retries", p.retries());
        m.put("skipped_already_labeled", p.skipped());
        m.put("combined", p.combined());
        m.put("soft_labels", p.softLabels());
        m.put("total", p.total());
        m.put("done", p.done());
        m.put("requests", p.requests());
        m.put("elapsed_ms", p.elapsedMillis());
        m.put("requests_per_second", round(p.requestsPerSecond()));
        m.put("labels_per_second", round(p.ratePerSecond()));
        m.put("tokens_in", p.tokensIn());
        m.put("tokens_out", p.tokensOut());
        m.put("estimated_cost_usd", p.estimatedCostUsd());
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void printText(PrintWriter out, Labeler labeler, LabelingReport r) {
        LabelingProgress p = r.progress();
        out.printf("%s: run #%d %s in %.1f s%n", labeler.name(), r.runId(), r.state().name().toLowerCase(Locale.ROOT),
                p.elapsedMillis() / 1000.0);
        out.printf("  labeled %,d, failed %,d, already labeled %,d (%,d of %,d slots done)%n", p.labeled(), p.failed(),
                p.skipped(), p.done(), p.total());
        if (p.combined() > 0) {
            out.printf("  position-debiased labels: %,d%n", p.combined());
        }
        out.printf("  %,d requests (%,d retries), %.1f labels/s; tokens %,d in, %,d out%s%n", p.requests(), p.retries(),
                p.ratePerSecond(), p.tokensIn(), p.tokensOut(),
                p.estimatedCostUsd() == null ? "" : String.format(Locale.ROOT, "; about $%.4f", p.estimatedCostUsd()));
        if (p.labeled() > 0 && p.softLabels() == 0) {
            out.println("  note: the server returned no log-probabilities; P(A) comes from the parsed answers");
        }
        if (p.lastFailure() != null) {
            out.println("  last failure: " + p.lastFailure());
        }
        if (r.state() == RunState.CANCELLED) {
            out.println("  run the same command again to label the rest");
        }
    }

    private int printCheck(ConnectionCheck check) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", check.ok());
            m.put("endpoint", check.endpoint());
            m.put("pair_id", check.pairId());
            m.put("choice", check.choice() == null ? null : check.choice().name());
            m.put("probability_a", check.probabilityA());
            m.put("soft_label", check.softLabel());
            m.put("failure", check.failure());
            m.put("millis", check.millis());
            m.put("prompt", check.prompt());
            m.put("raw_answer", check.rawAnswer());
            JsonOutput.print(out, m);
        } else {
            out.println("--- prompt sent " + (check.pairId() == 0 ? "(built-in example pair)" : "(pair #" + check.pairId() + ")"));
            out.println(check.prompt() == null ? "(none)" : check.prompt());
            out.println("--- raw answer");
            out.println(check.rawAnswer() == null ? "(none)" : check.rawAnswer());
            out.println("---");
            if (check.ok()) {
                out.printf(Locale.ROOT, "verdict %s, P(A) %.3f (%s), %d ms%n", check.choice(), check.probabilityA(),
                        check.softLabel() ? "from log-probabilities" : "from the parsed answer: no log-probabilities returned",
                        check.millis());
            }
        }
        if (!check.ok()) {
            throw new CliFailure(check.failure());
        }
        return 0;
    }

    /** A live progress line on standard error, when a person is watching a terminal. */
    private static final class ConsoleLine implements LabelingListener {
        private final PrintWriter err;
        private final boolean enabled;
        private long lastPrint;

        ConsoleLine(PrintWriter err, boolean enabled) {
            this.err = err;
            this.enabled = enabled;
        }

        @Override
        public void progress(LabelingProgress p) {
            long now = System.nanoTime();
            if (!enabled || now - lastPrint < 500_000_000L) {
                return;
            }
            lastPrint = now;
            err.printf(Locale.ROOT, "\r%,d/%,d slots · %.1f labels/s · %,d failed · %,d retries · %,d tok in%s   ",
                    p.done(), p.total(), p.ratePerSecond(), p.failed(), p.retries(), p.tokensIn(),
                    p.estimatedCostUsd() == null ? "" : String.format(Locale.ROOT, " · $%.4f", p.estimatedCostUsd()));
            err.flush();
        }

        void clear() {
            if (enabled) {
                err.print("\r" + " ".repeat(100) + "\r");
                err.flush();
            }
        }
    }
}
