package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyKind;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.RunSample;
import org.rlaif.workbench.domain.Split;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.labeling.AiLabelerConfig;
import org.rlaif.workbench.labeling.AiLabelerSettings;
import org.rlaif.workbench.labeling.AiLabelers;
import org.rlaif.workbench.labeling.prompt.Technique;
import org.rlaif.workbench.labeling.rating.RatingScore;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.testdata.FakeChatServer;
import org.rlaif.workbench.testdata.FakeChatServer.Answer;
import org.rlaif.workbench.testdata.PolicyProject;
import org.rlaif.workbench.training.TrainingEnvironmentForTests;

/**
 * The whole loop at toy size, through the command line, with the tiny backbone on the CPU (issue 10's proof): SFT on
 * a coin-flipping labeler's choices (so the policy thanks the asker about half the time), a reward model on the human
 * labels, RL against it (RLHF), direct-RLAIF against a judge on loopback that rates thanks 9 and the rest 2 (with and
 * without log-probabilities, failing some ratings for good) and then goes down mid-run, the run resumed from its last
 * checkpoint once the judge is back, the RL policy's outputs on the held-out prompts, and best-of-n. The assertions
 * are about mechanics (what is stored, KL, that the reward rises, drops counted), not about how good the policies get.
 */
class PolicyLoopTest {
    static final double BETA = 0.05;
    /** Requests after which the judge goes down: the pre-flight and about eight steps of 16 ratings. */
    static final int JUDGE_DOWN_AFTER = 1 + 16 * 8 + 8;
    static final Set<Double> JUDGE_REWARDS = Set.of(RatingScore.toReward(9), RatingScore.toReward(2),
            RatingScore.toReward(9 * 0.7 + 8 * 0.2 + 10 * 0.1), RatingScore.toReward(2 * 0.8 + 1 * 0.2));

    @TempDir
    static Path dir;
    static Path project;
    static FakeChatServer judge;
    static final AtomicInteger judged = new AtomicInteger();
    static final AtomicBoolean judgeCanFail = new AtomicBoolean(true);
    static JsonNode sft;
    static JsonNode rm;
    static JsonNode rlhf;
    static Result directFailed;
    static JsonNode direct;
    static JsonNode generated;
    static Result generatedAgain;
    static JsonNode bestOfN;

    /**
     * Rates a response that thanks 9 and any other 2; half of the responses (by their text) get log-probabilities,
     * a tenth fail for good (HTTP 500 at every attempt), and after {@link #JUDGE_DOWN_AFTER} requests the judge is down
     * (503) until the test brings it back.
     */
    static Answer rate(FakeChatServer.Asked a) {
        int n = judged.incrementAndGet();
        String m = a.message();
        String response = m.substring(m.lastIndexOf("Response - ") + "Response - ".length(), m.lastIndexOf("\n\nScore"));
        boolean preflight = response.equals("Thank you for asking.");
        if (judgeCanFail.get() && n > JUDGE_DOWN_AFTER && !preflight) {
            return Answer.error(503);
        }
        int h = response.hashCode() & 0x7fffffff;
        if (h % 10 == 0 && !preflight) {
            return Answer.error(500);
        }
        boolean thanks = response.toLowerCase(java.util.Locale.ROOT).contains("thank");
        if (h % 2 == 0) {
            return thanks ? Answer.scored("9", Map.of("9", 0.7, "8", 0.2, "10", 0.1))
                    : Answer.scored("2", Map.of("2", 0.8, "1", 0.2));
        }
        return Answer.text(thanks ? "9" : "2");
    }

    @BeforeAll
    static void theLoop() throws IOException {
        TrainingEnvironmentForTests.require();
        project = dir.resolve("toy.rlaif");
        PolicyProject.write(project, 36, 12);
        String p = project.toString();
        sft = ok(run("train", "sft", "-p", p, "--responses", PolicyProject.COIN, "--max-steps", "24", "--batch-size",
                "8", "--learning-rate", "5e-3", "--max-length", "64", "--eval-steps", "12", "--json"));
        String sftRun = sft.path("run_id").asText();
        rm = ok(run("train", "reward-model", "-p", p, "--labels", PolicyProject.HUMAN, "--max-steps", "4",
                "--max-length", "64", "--batch-size", "8", "--json"));
        String rmRun = rm.path("run_id").asText();
        String[] rl = {"--batch-size", "16", "--learning-rate", "3e-3", "--max-new-tokens", "12", "--max-length", "32",
                "--kl", Double.toString(BETA)};
        rlhf = ok(run(concat(new String[] {"train", "rl", "-p", p, "--from", sftRun, "--reward", rmRun, "--max-steps",
                "2", "--json"}, rl)));

        judge = FakeChatServer.start(PolicyLoopTest::rate);
        try (ProjectStore store = ProjectStore.open(project)) {
            AiLabelerSettings d = AiLabelerSettings.defaults();
            new AiLabelers(store).save(new AiLabelerConfig("rater", judge.baseUrl(), "rater-1", null, Technique.BASE,
                    new AiLabelerSettings(0, 4, 4, 5, 1, d.orders(), 0, 0, 4, 0, 20, 1, null, null, 1.0, 2.0,
                            Map.of())));
        }
        directFailed = run(concat(new String[] {"train", "rl", "-p", p, "--from", sftRun, "--reward", "judge:rater",
                "--max-steps", "20", "--save-steps", "5", "--json"}, rl));
        judgeCanFail.set(false); // the judge is back
        long directRun = lastLine(directFailed).path("run_id").asLong();
        direct = ok(run("train", "rl", "-p", p, "--resume", Long.toString(directRun), "--json"));
        generated = ok(run("generate", "-p", p, "--run", Long.toString(directRun), "--max-new-tokens", "12",
                "--json"));
        generatedAgain = run("generate", "-p", p, "--run", Long.toString(directRun), "--json");
        bestOfN = ok(run("train", "best-of-n", "-p", p, "--from", sftRun, "--reward", rmRun, "--n", "2", "--limit",
                "3", "--max-new-tokens", "12", "--json"));
    }

    @AfterAll
    static void stopJudge() {
        if (judge != null) {
            judge.close();
        }
    }

    @Test
    void sftMakesAPolicyOfTheProjectFromTheChosenResponses() throws IOException {
        assertThat(sft.path("policy_kind").asText()).isEqualTo("SFT");
        assertThat(sft.path("data").asText()).startsWith("chosen responses of labeler 'coin': 36 responses to train on,"
                + " 12 held out");
        Policy policy = policy(sft.path("policy").asText());
        assertThat(Path.of(policy.modelPath()).resolve("config.json")).isRegularFile();
        JsonNode config = Json.mapper().readTree(policy.configJson());
        assertThat(config.path("responses").asText()).isEqualTo("coin");
        assertThat(config.path("base").asText()).isEqualTo("tiny");
        assertThat(metrics(sft.path("run_id").asLong(), "eval/loss")).isNotEmpty();
    }

    @Test
    void rlAgainstARewardModelOnHumanLabelsIsRlhfAndStoresEverySample() throws IOException {
        Policy policy = policy(rlhf.path("policy").asText());
        assertThat(policy.kind()).isEqualTo(PolicyKind.RL);
        JsonNode config = Json.mapper().readTree(policy.configJson());
        assertThat(config.path("reward_source").asText()).isEqualTo("rlhf");
        assertThat(config.path("base_policy").asText()).isEqualTo(sft.path("policy").asText());
        assertThat(config.path("reward_run").asLong()).isEqualTo(rm.path("run_id").asLong());
        List<RunSample> samples = samples(rlhf.path("run_id").asLong());
        assertThat(samples).hasSize(2 * 16).allSatisfy(s -> assertThat(s.reward()).isNotNull());
        assertThat(metrics(rlhf.path("run_id").asLong(), "train/kl").getFirst().value()).isZero();
    }

    @Test
    void aJudgeThatGoesDownFailsTheRunWhichResumesFromItsLastCheckpoint() {
        JsonNode failed = lastLine(directFailed);
        assertThat(directFailed.status).isEqualTo(1);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("message").asText()).startsWith("the reward endpoint failed for 3 steps in a row");
        assertThat(failed.path("policy").isNull()).isTrue();

        long run = direct.path("run_id").asLong();
        assertThat(run).isEqualTo(failed.path("run_id").asLong());
        assertThat(direct.path("state").asText()).isEqualTo("finished");
        String resumed = log(run).stream().filter(l -> l.contains("from the checkpoint of step")).findFirst()
                .orElseThrow();
        long checkpoint = Long.parseLong(resumed.replaceAll(".*from the checkpoint of step (\\d+).*", "$1"));
        assertThat(checkpoint).isIn(5L, 10L, 15L);
        List<Long> steps = metrics(run, "train/reward").stream().map(MetricPoint::step).toList();
        assertThat(steps).as("each step once, the repeated ones replaced").doesNotHaveDuplicates()
                .contains(1L, 2L, 3L, 4L, 5L).endsWith(20L);
        for (long s = checkpoint + 1; s <= 20; s++) {
            assertThat(steps).contains(s);
        }
        assertThat(log(run)).anySatisfy(l -> assertThat(l).contains("resuming from").contains("checkpoint-"
                + checkpoint));
    }

    @Test
    void directRlaifRewardsComeFromTheJudgeAndItsFailuresDropSamplesThatAreCounted() {
        long run = direct.path("run_id").asLong();
        List<RunSample> samples = samples(run);
        assertThat(samples).hasSize(20 * 16);
        List<Double> rewards = samples.stream().map(RunSample::reward).filter(r -> r != null).toList();
        assertThat(rewards).allSatisfy(r -> assertThat(JUDGE_REWARDS).anySatisfy(v -> assertThat(r).isCloseTo(v,
                within(1e-9))));
        assertThat(rewards).as("scores from log-probabilities and from the text")
                .anySatisfy(r -> assertThat(r).isCloseTo(RatingScore.toReward(8.9), within(1e-9)))
                .anySatisfy(r -> assertThat(r).isCloseTo(RatingScore.toReward(9), within(1e-9)));
        long dropped = samples.stream().filter(s -> s.reward() == null).count();
        double counted = metrics(run, "train/dropped_samples").stream().mapToDouble(MetricPoint::value).sum();
        assertThat(dropped).isPositive();
        assertThat(counted).isEqualTo(dropped);
        JsonNode figures = direct.path("judge");
        assertThat(figures.path("failed").asLong()).isPositive();
        assertThat(figures.path("from_logprobs").asLong()).isPositive();
        assertThat(figures.path("cost_usd").asDouble()).isPositive();
        assertThat(Json.mapper().convertValue(policyConfig(direct), Map.class)).containsEntry("reward_source",
                "direct-rlaif").containsEntry("judge", "rater");
    }

    @Test
    void theMeanRewardRisesAndTheKlStartsAtZeroAndStaysBoundedByTheCoefficient() {
        long run = direct.path("run_id").asLong();
        Map<Long, List<Double>> byStep = samples(run).stream().filter(s -> s.reward() != null)
                .collect(Collectors.groupingBy(RunSample::step, TreeMap::new,
                        Collectors.mapping(RunSample::reward, Collectors.toList())));
        double first = mean(byStep, 1, 5);
        double last = mean(byStep, 16, 20);
        List<MetricPoint> kl = metrics(run, "train/kl");
        System.out.printf(java.util.Locale.ROOT, "direct-RLAIF on the tiny policy: mean reward %.3f (steps 1-5) ->"
                + " %.3f (steps 16-20); KL %.4f at step 1, at most %.4f (bound 2/beta = %.0f)%n", first, last,
                kl.getFirst().value(), kl.stream().mapToDouble(MetricPoint::value).max().orElseThrow(), 2 / BETA);
        assertThat(last).as("mean reward of steps 16-20 against 1-5 (%s)", byStep).isGreaterThan(first + 0.15);
        assertThat(kl.getFirst().step()).isEqualTo(1);
        assertThat(kl.getFirst().value()).isZero();
        // rewards lie in [-1, 1]: the KL-regularised optimum is within (max - min) / beta of the reference
        assertThat(kl).allSatisfy(p -> assertThat(p.value()).isFinite().isLessThan(2 / BETA));
        assertThat(kl.stream().mapToDouble(MetricPoint::value).max().orElseThrow()).isPositive();
    }

    @Test
    void generateStoresThePolicysOutputsForHeldOutPromptsOnce() {
        assertThat(generated.path("outputs_stored").asLong()).isEqualTo(12);
        Policy policy = policy(generated.path("policy").asText());
        assertThat(policy.name()).isEqualTo(direct.path("policy").asText());
        try (ProjectStore store = ProjectStore.open(project)) {
            List<PolicyOutput> outputs = store.read(c -> store.policies().outputs(c, policy.id()));
            assertThat(outputs).hasSize(12).allSatisfy(o -> {
                assertThat(o.runId()).isEqualTo(generated.path("run_id").asLong());
                Prompt prompt = store.read(c -> store.policies().findPrompt(c, o.promptId())).orElseThrow();
                assertThat(prompt.split()).isEqualTo(Split.TEST);
            });
        }
        assertThat(generatedAgain.status).isZero();
        assertThat(lastLine(generatedAgain).path("state").asText()).isEqualTo("nothing-to-do");
        assertThat(lastLine(generatedAgain).path("message").asText()).contains("already has outputs for all 12 test"
                + " prompts");
    }

    @Test
    void bestOfNStoresTheRewardModelsPicksAsAPolicy() {
        Policy policy = policy(bestOfN.path("policy").asText());
        assertThat(policy.kind()).isEqualTo(PolicyKind.BEST_OF_N);
        try (ProjectStore store = ProjectStore.open(project)) {
            assertThat(store.<List<PolicyOutput>>read(c -> store.policies().outputs(c, policy.id()))).hasSize(3)
                    .allSatisfy(o -> assertThat(o.reward()).isNotNull());
        }
    }

    private static double mean(Map<Long, List<Double>> byStep, long from, long to) {
        return byStep.entrySet().stream().filter(e -> e.getKey() >= from && e.getKey() <= to)
                .flatMap(e -> e.getValue().stream()).mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static JsonNode policyConfig(JsonNode result) {
        try {
            return Json.mapper().readTree(policy(result.path("policy").asText()).configJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Policy policy(String name) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.policies().findByName(c, name)).orElseThrow(() ->
                    new AssertionError("no policy " + name));
        }
    }

    private static List<MetricPoint> metrics(long run, String name) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.runs().metrics(c, run)).stream().filter(m -> m.name().equals(name)).toList();
        }
    }

    private static List<RunSample> samples(long run) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.runs().samples(c, run, 100_000));
        }
    }

    private static List<String> log(long run) {
        try (ProjectStore store = ProjectStore.open(project)) {
            return store.read(c -> store.runs().logTail(c, run, 100_000));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }

    private static JsonNode ok(Result r) {
        assertThat(r.status).as("%s%n%s", r.err, tail(r.out)).isZero();
        return lastLine(r);
    }

    private static String tail(String s) {
        return s.length() < 4000 ? s : s.substring(s.length() - 4000);
    }

    private static JsonNode lastLine(Result r) {
        String[] lines = r.out.strip().split("\n");
        try {
            JsonNode last = Json.mapper().readTree(lines[lines.length - 1]);
            assertThat(last.path("event").asText()).as(tail(r.out)).isEqualTo("result");
            return last;
        } catch (IOException e) {
            throw new AssertionError("not a JSON line: " + lines[lines.length - 1], e);
        }
    }

    record Result(int status, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = WorkbenchCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        Path log = dir.resolve("commands.log");
        try {
            Files.writeString(log, String.join(" ", args) + " -> " + status + "\n" + err + "\n", java.nio.file
                    .StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log only helps reading a failure
        }
        return new Result(status, out.toString(), err.toString());
    }
}
