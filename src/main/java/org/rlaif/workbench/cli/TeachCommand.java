package org.rlaif.workbench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.ApiKeySource;
import org.rlaif.workbench.labeling.LabelingSetupException;
import org.rlaif.workbench.labeling.OrderMode;
import org.rlaif.workbench.labeling.OsKeyring;
import org.rlaif.workbench.labeling.client.OpenAiChatClient;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.teacher.TeacherConfig;
import org.rlaif.workbench.labeling.teacher.Teaching;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.training.RunRecovery;
import org.rlaif.workbench.training.policy.PolicyPrompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "teach", mixinStandardHelpOptions = true, sortOptions = false, description = {
        "Ask a teacher (a strong model served over the OpenAI chat-completions API) to write a response for each",
        "prompt of the project, to fine-tune on (train sft --responses teacher:NAME): Sharma et al.'s baseline.",
        "Responses are committed as they arrive, as outputs of a TEACHER policy that keeps the model and the prompt",
        "template; run it again after a failure or a kill and only the prompts without a response are asked. A",
        "request that fails stores nothing and is counted. The API key is read from the variable you NAME."},
        footer = {"", "Example:",
                "  rlaif-workbench teach -p hh.rlaif --name gpt4o --base-url https://api.openai.com/v1 --model gpt-4o \\",
                "      --api-key-env OPENAI_API_KEY --prompts train --concurrency 8"})
final class TeachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "the teacher's name in the project")
    String name;
    @Option(names = "--base-url", paramLabel = "URL", description = "OpenAI base URL of the server (kept with the teacher)")
    String baseUrl;
    @Option(names = "--model", paramLabel = "NAME", description = "model name sent to the server")
    String model;
    @Option(names = "--api-key-env", paramLabel = "VAR", description = "NAME of the environment variable holding the API key")
    String apiKeyEnv;
    @Option(names = "--api-key-keyring", paramLabel = "ENTRY", description = "NAME of the OS keyring entry holding the key")
    String apiKeyKeyring;
    @Option(names = "--template", paramLabel = "FILE", description = "the teacher's prompts of your own (sections per"
            + " task with {prompt}; see resources/prompts/teacher.txt)")
    Path template;
    @Option(names = "--prompts", paramLabel = "train|test|all", defaultValue = "train",
            description = "which prompts to answer (default: ${DEFAULT-VALUE})")
    String prompts;
    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "at most N prompts (default: all)")
    int limit;
    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature (default 0)")
    Double temperature;
    @Option(names = "--max-tokens", paramLabel = "N", description = "longest response (default 512)")
    Integer maxTokens;
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
    @Option(names = "--json", description = "end with one JSON object (written, failed, retries, tokens, cost)")
    boolean json;

    private final Function<String, String> environment;

    TeachCommand() {
        this(System::getenv);
    }

    /** For tests: the environment the API key variable is read from. */
    TeachCommand(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (ProjectStore store = project.openExisting()) {
            RunRecovery.markInterrupted(store);
            TeacherConfig config = config(store);
            PolicyPrompts.Counts counts = PolicyPrompts.sync(store);
            List<Prompt> asked = PolicyPrompts.list(store, prompts.equalsIgnoreCase("all") ? null
                    : PolicyRunner.split(prompts));
            if (limit > 0 && asked.size() > limit) {
                asked = asked.subList(0, limit);
            }
            if (asked.isEmpty()) {
                throw new CliFailure("no " + prompts + " prompts to answer: " + counts.describe());
            }
            String key = new ApiKeySource(environment, OsKeyring.system()).keyFor(config.settings());
            Teaching.Report report;
            try (OpenAiChatClient client = new OpenAiChatClient(config.baseUrl(), key,
                    Duration.ofSeconds(config.settings().timeoutSeconds()))) {
                report = new Teaching(store, config, client, RetryPolicy.standard(config.settings().retries()))
                        .run(asked, (done, total, failed) -> { });
            }
            print(out, report);
            return report.state() == RunState.FINISHED ? 0 : 1;
        } catch (LabelingSetupException | IllegalArgumentException e) {
            throw new CliFailure(e.getMessage(), e);
        }
    }

    /** The teacher as asked: the stored one's settings where an option is not given. */
    private TeacherConfig config(ProjectStore store) {
        Optional<Policy> existing = store.read(c -> store.policies().findByName(c, name));
        TeacherConfig old = existing.map(TeacherConfig::fromPolicy).orElse(null);
        AiLabelerSettings base = old != null ? old.settings() : new AiLabelerSettings(0.0, 512, 512, 0, 1,
                OrderMode.AB, 0, 0, 4, 0, 120, 4, null, null, null, null, Map.of());
        AiLabelerSettings s = new AiLabelerSettings(or(temperature, base.temperature()), or(maxTokens,
                base.maxTokens()), base.rationaleMaxTokens(), 0, 1, OrderMode.AB, 0, 0, or(concurrency,
                base.concurrency()), or(rpm, base.requestsPerMinute()), or(timeout, base.timeoutSeconds()),
                or(retries, base.retries()), apiKeyEnv != null ? apiKeyEnv : base.apiKeyEnv(),
                apiKeyKeyring != null ? apiKeyKeyring : base.apiKeyKeyring(), priceIn != null ? priceIn
                : base.priceInputPerMTok(), priceOut != null ? priceOut : base.priceOutputPerMTok(), Map.of());
        String text = template != null ? read(template) : old != null ? old.template() : TeacherConfig.shippedTemplate();
        String url = baseUrl != null ? baseUrl : old != null ? old.baseUrl() : null;
        String m = model != null ? model : old != null ? old.model() : null;
        if (url == null || m == null) {
            throw new CliFailure("teacher '" + name + "' is new: give --base-url and --model");
        }
        return new TeacherConfig(name, url, m, text, s);
    }

    private static <T> T or(T given, T otherwise) {
        return given != null ? given : otherwise;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read the template " + file + ": " + e.getMessage(), e);
        }
    }

    private void print(PrintWriter out, Teaching.Report r) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run_id", r.runId());
            m.put("state", r.state().name().toLowerCase(Locale.ROOT));
            m.put("message", r.message());
            m.put("teacher", r.teacher().name());
            m.put("policy_id", r.teacher().id());
            m.put("written", r.written());
            m.put("failed", r.failed());
            m.put("already_answered", r.alreadyAnswered());
            m.put("retries", r.retries());
            m.put("tokens_in", r.tokensIn());
            m.put("tokens_out", r.tokensOut());
            m.put("cost_usd", r.cost());
            JsonOutput.print(out, m);
            return;
        }
        out.printf("run #%d %s: %s%n", r.runId(), r.state().name().toLowerCase(Locale.ROOT), r.message());
        out.printf(Locale.ROOT, "  teacher '%s': %,d prompts answered before, %,d retries, %,d tokens in, %,d out%s%n",
                r.teacher().name(), r.alreadyAnswered(), r.retries(), r.tokensIn(), r.tokensOut(),
                r.cost() == null ? "" : String.format(Locale.ROOT, ", about $%.4f", r.cost()));
        out.flush();
    }
}
