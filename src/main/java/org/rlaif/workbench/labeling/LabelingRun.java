package org.rlaif.workbench.labeling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.domain.Label;
import org.rlaif.workbench.domain.LabelStatus;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.domain.MetricPoint;
import org.rlaif.workbench.domain.OrderShown;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.RequestRateLimiter;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.client.RetryingChatClient;
import org.rlaif.workbench.labeling.prompt.PromptTemplates;
import org.rlaif.workbench.labeling.prompt.TemplateException;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One labeling run: an AI labeler over a selection of pairs, with bounded concurrency, a requests-per-minute limit,
 * retries, live progress, pause and cancel, and a {@code run} row that says where it stands.
 *
 * <p>Every label is committed in its own transaction as it arrives (by one writer thread, so workers never wait on
 * the database), so a crash or a kill loses at most the answers of the last few milliseconds; running the same selection again skips every slot that has a label in force
 * ({@link LabelingPlan}). The slot is checked again inside the writing transaction, so two runs of one labeler at once
 * still write each slot once.
 *
 * <p>A server that is not there stops the run with one message (state FAILED); nothing is written for the pairs it
 * did not answer, so they are not mistaken for failures of the judge.
 */
public final class LabelingRun {
    public static final String RUN_KIND = "label";
    private static final System.Logger LOG = System.getLogger(LabelingRun.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TICK_MILLIS = 200;
    private static final long METRIC_EVERY_MILLIS = 5_000;
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final ProjectStore store;
    private final Labeler labeler;
    private final AiLabelerConfig config;
    private final PairSelection selection;
    private final ChatClient server;
    private final RetryPolicy retryPolicy;
    private final Long resumeRunId;

    /**
     * @param labeler     a stored AI labeler (with its id)
     * @param server      the model server, unwrapped: the run adds rate limiting, retries and counting
     * @param resumeRunId a run row to continue (its state goes back to RUNNING), or null for a new one
     */
    public LabelingRun(ProjectStore store, Labeler labeler, PairSelection selection, ChatClient server,
                       RetryPolicy retryPolicy, Long resumeRunId) {
        this.store = Objects.requireNonNull(store, "store");
        this.labeler = Objects.requireNonNull(labeler, "labeler");
        this.config = AiLabelerConfig.fromLabeler(labeler);
        if (labeler.id() <= 0) {
            throw new IllegalArgumentException("the labeler must be stored before it can run");
        }
        this.selection = Objects.requireNonNull(selection, "selection");
        this.server = Objects.requireNonNull(server, "server");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.resumeRunId = resumeRunId;
    }

    /**
     * Runs to the end, a cancel, or a failure that stops it, and says how it ended.
     *
     * @throws LabelingSetupException when the run cannot start (bad template, few-shot without adjudications);
     *                                then no run row is written
     */
    public LabelingReport execute(RunControl control, LabelingListener listener) {
        PromptTemplates templates;
        try {
            templates = PromptTemplates.withOverrides(config.settings().templates());
        } catch (TemplateException e) {
            throw new LabelingSetupException("labeler '" + config.name() + "': " + e.getMessage(), e);
        }
        AiLabelerSettings settings = config.settings();
        LabelingPlan plan = store.read(c -> LabelingPlan.make(c, labeler.id(), selection, settings));
        FewShotExemplars exemplars = store.read(c -> FewShotExemplars.load(store, c, settings.fewShot(),
                settings.fewShotSeed()));
        Run run = openRun(plan);
        Execution ex = new Execution(run.id(), plan, templates, control, listener);
        return ex.go(exemplars);
    }

    private Run openRun(LabelingPlan plan) {
        long pid = ProcessHandle.current().pid();
        return store.write(c -> {
            markInterruptedRuns(c, pid);
            Run run;
            if (resumeRunId != null) {
                run = store.runs().find(c, resumeRunId).orElseThrow(() ->
                        new LabelingSetupException("there is no run #" + resumeRunId + " in this project"));
                if (!run.kind().equals(RUN_KIND) || !run.name().equals(labeler.name())) {
                    throw new LabelingSetupException("run #" + resumeRunId + " is not a labeling run of '"
                            + labeler.name() + "'");
                }
                store.runs().appendLog(c, run.id(), "resumed by process " + pid + ": " + plan.queries().size()
                        + " slots left of " + plan.totalSlots());
            } else {
                run = store.runs().create(c, RUN_KIND, labeler.name(), spec());
                store.runs().appendLog(c, run.id(), "started by process " + pid + ": " + plan.queries().size()
                        + " slots to label, " + plan.alreadyDone() + " already labeled, over " + plan.pairs() + " pairs");
            }
            store.runs().updatePid(c, run.id(), pid);
            store.runs().updateState(c, run.id(), RunState.RUNNING, resumeRunId == null ? "running" : "resumed");
            store.runs().updateProgress(c, run.id(), plan.alreadyDone(), plan.totalSlots());
            return store.runs().find(c, run.id()).orElseThrow();
        });
    }

    /** Runs of this labeler left RUNNING or PAUSED by a process that is gone (killed, crashed) are marked so. */
    private void markInterruptedRuns(java.sql.Connection c, long ownPid) throws java.sql.SQLException {
        for (Run r : store.runs().list(c)) {
            if (!r.kind().equals(RUN_KIND) || !r.name().equals(labeler.name()) || r.state().isTerminal()
                    || r.pid() == null || r.pid() == ownPid) {
                continue;
            }
            boolean alive = ProcessHandle.of(r.pid()).map(ProcessHandle::isAlive).orElse(false);
            if (!alive && !Objects.equals(r.id(), resumeRunId)) {
                store.runs().updateState(c, r.id(), RunState.CANCELLED, "interrupted: process " + r.pid()
                        + " ended without finishing; its committed labels are kept");
            }
        }
    }

    private String spec() {
        ObjectNode o = JSON.createObjectNode();
        o.put("labeler", labeler.name());
        o.put("labeler_id", labeler.id());
        o.put("model", config.model());
        o.put("base_url", config.baseUrl());
        o.put("technique", config.technique().key());
        try {
            o.set("settings", JSON.readTree(config.settings().toJson()));
            o.set("selection", selection.toJson());
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An answer on its way to the writer thread; {@link #END} tells the writer that no more will come. */
    private record Answered(SlotQuery query, Judgement judgement) {
        static final Answered END = new Answered(null, null);
    }

    /** The mutable side of one execution: counters, workers and the coordinating loop. */
    private final class Execution {
        private final long runId;
        private final LabelingPlan plan;
        private final RunControl control;
        private final LabelingListener listener;
        private final CountingChatClient counting;
        private final PairJudge judge;
        private final AtomicInteger cursor = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicLong labeled = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong racedSkips = new AtomicLong();
        private final AtomicLong combined = new AtomicLong();
        private final AtomicLong softLabels = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicLong doneInRow;
        private final AtomicReference<String> lastFailure = new AtomicReference<>();
        private final Deque<long[]> rateSamples = new ArrayDeque<>();
        /** Answers waiting for the writer thread; bounded, so a slow disk slows the requests down. */
        private final BlockingQueue<Answered> answered;
        private final long startNanos = System.nanoTime();

        Execution(long runId, LabelingPlan plan, PromptTemplates templates, RunControl control,
                  LabelingListener listener) {
            this.runId = runId;
            this.plan = plan;
            this.control = control;
            this.listener = listener;
            this.doneInRow = new AtomicLong(plan.alreadyDone());
            this.answered = new ArrayBlockingQueue<>(Math.max(16, config.settings().concurrency() * 2));
            this.counting = new CountingChatClient(server);
            RetryingChatClient retrying = new RetryingChatClient(counting, retryPolicy,
                    new RequestRateLimiter(config.settings().requestsPerMinute()),
                    (attempt, failure, pause) -> {
                        retries.incrementAndGet();
                        LOG.log(System.Logger.Level.DEBUG, () -> "retrying after: " + failure.getMessage()
                                + " (attempt " + attempt + "), pausing " + pause.toMillis() + " ms");
                    },
                    new SplittableRandom());
            this.judge = new PairJudge(retrying, config, templates);
        }

        LabelingReport go(FewShotExemplars exemplars) {
            writePendingCombinations();
            List<Thread> workers = new ArrayList<>();
            int n = Math.min(config.settings().concurrency(), plan.queries().size());
            CountDownLatch finished = new CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                Thread t = new Thread(() -> {
                    try {
                        work(exemplars);
                    } finally {
                        finished.countDown();
                    }
                }, "labeler-" + runId + "-" + (i + 1));
                t.setDaemon(true);
                workers.add(t);
            }
            control.onStop(() -> workers.forEach(Thread::interrupt));
            Thread writer = new Thread(this::writeAnswers, "labeler-" + runId + "-writer");
            writer.setDaemon(true);
            writer.start();
            workers.forEach(Thread::start);
            coordinate(finished);
            putUninterruptibly(Answered.END);
            joinUninterruptibly(writer);
            return finish();
        }

        /**
         * The one thread that writes labels: each answer is committed in its own transaction as it comes off the
         * queue. Workers hand answers over and go back to the server at once, instead of queueing on the database's
         * write lock; a cancel still writes every answer that arrived.
         */
        private void writeAnswers() {
            boolean broken = false;
            while (true) {
                Answered a;
                try {
                    a = answered.take();
                } catch (InterruptedException e) {
                    continue; // only the END marker stops the writer, so nothing answered is dropped
                }
                if (a == Answered.END) {
                    return;
                }
                if (broken) {
                    continue; // the project cannot be written: leave these slots for the next run
                }
                try {
                    commit(a.query(), a.judgement());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "labeling run " + runId + " cannot write labels", e);
                    control.abort("cannot write labels to the project: " + e.getMessage());
                    broken = true;
                }
            }
        }

        private void putUninterruptibly(Answered a) {
            boolean interrupted = Thread.interrupted();
            while (true) {
                try {
                    answered.put(a);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void joinUninterruptibly(Thread t) {
            boolean interrupted = Thread.interrupted();
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private void writePendingCombinations() {
            for (SlotQuery q : plan.toCombine()) {
                store.write(c -> {
                    if (writeCombined(c, q.comparisonId(), q.sampleIndex())) {
                        combined.incrementAndGet();
                    }
                    return null;
                });
            }
        }

        private void work(FewShotExemplars exemplars) {
            while (true) {
                try {
                    if (!control.awaitRunnable()) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
                int i = cursor.getAndIncrement();
                if (i >= plan.queries().size()) {
                    return;
                }
                SlotQuery q = plan.queries().get(i);
                inFlight.incrementAndGet();
                try {
                    Comparison pair = store.read(c -> store.comparisons().find(c, q.comparisonId())).orElseThrow();
                    Judgement j = judge.judge(pair, q.order(), exemplars.forPair(pair, judge.templateFor(pair)));
                    if (!j.isVerdict() && control.isStopped()) {
                        return; // a failure seen while stopping says nothing about the judge; leave the slot open
                    }
                    putUninterruptibly(new Answered(q, j));
                } catch (ChatException fatal) {
                    control.abort(fatal.getMessage());
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (!control.isStopped()) {
                        LOG.log(System.Logger.Level.ERROR, "labeling run " + runId + " stopped", e);
                        control.abort("labeling stopped: " + e.getMessage());
                    }
                    return;
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }

        private void commit(SlotQuery q, Judgement j) {
            boolean written = store.write(c -> {
                Optional<Label> current = store.labels().currentInSlot(c, q.comparisonId(), labeler.id(),
                        q.sampleIndex(), q.order());
                if (current.isPresent() && !(q.supersedes() != null && current.get().id() == q.supersedes())) {
                    return false; // another run labeled this slot meanwhile
                }
                Label label = j.toLabel(q.comparisonId(), labeler.id(), q.sampleIndex(), q.order(), q.supersedes());
                store.labels().append(c, label);
                if (label.isVerdict() && config.settings().orders() == OrderMode.BOTH
                        && writeCombined(c, q.comparisonId(), q.sampleIndex())) {
                    combined.incrementAndGet();
                }
                return true;
            });
            doneInRow.incrementAndGet();
            if (!written) {
                racedSkips.incrementAndGet();
            } else if (j.isVerdict()) {
                labeled.incrementAndGet();
                if (j.fromLogprobs()) {
                    softLabels.incrementAndGet();
                }
            } else {
                failed.incrementAndGet();
                lastFailure.set(j.rationale());
            }
        }

        /** Writes the combined label of a pair sample when both orders have verdicts and no combined label exists. */
        private boolean writeCombined(java.sql.Connection c, long pairId, int sample) throws java.sql.SQLException {
            Optional<Label> ab = store.labels().currentInSlot(c, pairId, labeler.id(), sample, OrderShown.AB);
            Optional<Label> ba = store.labels().currentInSlot(c, pairId, labeler.id(), sample, OrderShown.BA);
            if (ab.isEmpty() || ba.isEmpty() || !ab.get().isVerdict() || !ba.get().isVerdict()) {
                return false;
            }
            Optional<Label> existing = store.labels().currentInSlot(c, pairId, labeler.id(), sample, null);
            if (existing.isPresent() && existing.get().status() != LabelStatus.FAILED) {
                return false;
            }
            Label combinedLabel = DebiasedLabel.combine(ab.get(), ba.get());
            store.labels().append(c, existing.map(e -> combinedLabel.superseding(e.id())).orElse(combinedLabel));
            return true;
        }

        private void coordinate(CountDownLatch finished) {
            boolean pausedInRow = false;
            long lastDoneWritten = plan.alreadyDone();
            long lastMetric = System.nanoTime();
            try {
                while (!finished.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                    boolean paused = control.isPaused();
                    if (paused != pausedInRow) {
                        pausedInRow = paused;
                        RunState state = paused ? RunState.PAUSED : RunState.RUNNING;
                        store.write(c -> {
                            store.runs().updateState(c, runId, state, paused ? "paused" : "running");
                            store.runs().appendLog(c, runId, paused ? "paused" : "resumed after a pause");
                            return null;
                        });
                    }
                    LabelingProgress p = snapshot(paused ? RunState.PAUSED : RunState.RUNNING);
                    if (p.done() != lastDoneWritten) {
                        lastDoneWritten = p.done();
                        store.write(c -> {
                            store.runs().updateProgress(c, runId, p.done(), null);
                            return null;
                        });
                    }
                    listener.progress(p);
                    if (System.nanoTime() - lastMetric >= METRIC_EVERY_MILLIS * 1_000_000) {
                        lastMetric = System.nanoTime();
                        writeMetrics(p);
                    }
                }
            } catch (InterruptedException e) {
                // the thread running the run was interrupted: treat it as a cancel and wait for the workers to stop
                control.cancel();
                Thread.currentThread().interrupt();
                awaitQuietly(finished);
            }
        }

        private void awaitQuietly(CountDownLatch finished) {
            boolean interrupted = Thread.interrupted();
            while (true) {
                try {
                    finished.await();
                    break;
                } catch (InterruptedException again) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private LabelingReport finish() {
            RunState state;
            String message;
            String abort = control.abortMessage();
            if (abort != null) {
                state = RunState.FAILED;
                message = abort;
            } else if (control.isStopped()) {
                state = RunState.CANCELLED;
                message = "cancelled; " + summary() + "; run it again to label the rest";
            } else {
                state = RunState.FINISHED;
                message = summary();
            }
            LabelingProgress last = snapshot(state);
            store.write(c -> {
                store.runs().updateState(c, runId, state, message);
                store.runs().updateProgress(c, runId, last.done(), null);
                store.runs().appendLog(c, runId, state.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
                return null;
            });
            writeMetrics(last);
            listener.progress(last);
            return new LabelingReport(last, state, message);
        }

        private String summary() {
            if (plan.pairs() == 0) {
                return "nothing to label: no pair of the project matches the selection";
            }
            long skipped = plan.alreadyDone() + racedSkips.get();
            return labeled.get() + " labeled, " + failed.get() + " failed, " + skipped + " already labeled"
                    + (retries.get() > 0 ? ", " + retries.get() + " retries" : "");
        }

        private void writeMetrics(LabelingProgress p) {
            long step = p.elapsedMillis() / 1000;
            long now = System.currentTimeMillis();
            store.write(c -> {
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/done", p.done(), now));
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/failed", p.failed(), now));
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/retries", p.retries(), now));
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/rate", p.ratePerSecond(), now));
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/tokens_in", p.tokensIn(), now));
                store.runs().addMetric(c, new MetricPoint(runId, step, "label/tokens_out", p.tokensOut(), now));
                return null;
            });
        }

        private LabelingProgress snapshot(RunState state) {
            long now = System.nanoTime();
            long finishedHere = labeled.get() + failed.get();
            rateSamples.addLast(new long[] {now, finishedHere});
            while (rateSamples.size() > 2 && now - rateSamples.peekFirst()[0] > RATE_WINDOW_NANOS) {
                rateSamples.removeFirst();
            }
            long[] oldest = rateSamples.peekFirst();
            double rate = now - oldest[0] > 0 ? (finishedHere - oldest[1]) * 1e9 / (now - oldest[0]) : 0;
            if (state.isTerminal()) {
                rate = now - startNanos > 0 ? finishedHere * 1e9 / (now - startNanos) : 0;
            }
            long tokensIn = counting.tokensIn.get();
            long tokensOut = counting.tokensOut.get();
            return new LabelingProgress(runId, state, plan.totalSlots(), doneInRow.get(), labeled.get(), failed.get(),
                    plan.alreadyDone() + racedSkips.get(), combined.get(), softLabels.get(), retries.get(),
                    counting.requests.get(), inFlight.get(), tokensIn, tokensOut,
                    config.settings().cost(tokensIn, tokensOut), (now - startNanos) / 1_000_000, rate,
                    lastFailure.get());
        }
    }
}
