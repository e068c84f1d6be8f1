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
import java.util.concurrent.locks.LockSupport;
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
import org.rlaif.workbench.store.LabelWriter;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One labeling run: an AI labeler over a selection of pairs, with bounded concurrency, a requests-per-minute limit,
 * retries, live progress, pause and cancel, and a {@code run} row that says where it stands.
 *
 * <p>Labels are committed as they arrive by one writer thread (so workers never wait on the database), which commits
 * whatever answers are waiting in one transaction (group commit): a label is counted as done only once committed,
 * and a crash or a kill loses at most the answers of the last few milliseconds. Running the same selection again
 * skips every slot that has a label in force ({@link LabelingPlan}). The slot is checked again inside the writing
 * transaction, so two runs of one labeler at once still write each slot once. See
 * docs/decisions/0010-labeling-run-writes.md.
 *
 * <p>Workers are virtual threads, one per allowed concurrent request: they cost no OS thread, and interrupting one
 * (cancel) closes the connection it waits on, so nothing stays in flight.
 *
 * <p>A server that is not there stops the run with one message (state FAILED); nothing is written for the pairs it
 * did not answer, so they are not mistaken for failures of the judge.
 */
public final class LabelingRun {
    public static final String RUN_KIND = "label";
    private static final System.Logger LOG = System.getLogger(LabelingRun.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often the run reports progress (listener, run row): ten times a second is live enough for a person. */
    private static final long TICK_MILLIS = 100;
    private static final long METRIC_EVERY_MILLIS = 5_000;
    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;
    /** Most answers committed in one transaction; in practice a group is what arrived during the last commit. */
    private static final int MAX_GROUP = 512;
    /** Commits start at most this often (2 ms): the longest an answer waits for its commit beyond the commit itself. */
    private static final long COMMIT_SPACING_NANOS = 2_000_000;

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
        private final PairFeed feed;
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
        /** The highest label id after this run's last write (written and read by one thread at a time). */
        private long lastSeenLabelId;
        /**
         * Whether every label of this labeler added since the plan was made is this run's own. While it is, each
         * planned slot is still as the plan found it (labels are append-only, and the run asks each slot once), so
         * the slot need not be queried again before its label is written.
         */
        private boolean onlyOwnLabelsSincePlan = true;

        Execution(long runId, LabelingPlan plan, PromptTemplates templates, RunControl control,
                  LabelingListener listener) {
            this.runId = runId;
            this.plan = plan;
            this.control = control;
            this.listener = listener;
            this.doneInRow = new AtomicLong(plan.alreadyDone());
            // Room for what arrives while the writer is busy (a WAL checkpoint can take a few tens of ms); when it
            // is full, workers wait, so a slow disk slows the requests down instead of piling up answers.
            this.answered = new ArrayBlockingQueue<>(Math.max(64, config.settings().concurrency() * 8));
            this.feed = new PairFeed(store, plan.queries());
            this.lastSeenLabelId = plan.lastLabelId();
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
            LabelWriter labels = store.write(c -> store.labels().writer(c));
            try {
                writePendingCombinations(labels);
                List<Thread> workers = new ArrayList<>();
                int n = Math.min(config.settings().concurrency(), plan.queries().size());
                CountDownLatch finished = new CountDownLatch(n);
                for (int i = 0; i < n; i++) {
                    workers.add(Thread.ofVirtual().name("labeler-" + runId + "-" + (i + 1)).unstarted(() -> {
                        try {
                            work(exemplars);
                        } finally {
                            finished.countDown();
                        }
                    }));
                }
                control.onStop(() -> workers.forEach(Thread::interrupt));
                Thread writer = new Thread(() -> writeAnswers(labels), "labeler-" + runId + "-writer");
                writer.setDaemon(true);
                writer.start();
                workers.forEach(Thread::start);
                coordinate(finished);
                putUninterruptibly(Answered.END);
                joinUninterruptibly(writer);
            } finally {
                closeQuietly(labels);
            }
            return finish();
        }

        private void closeQuietly(LabelWriter labels) {
            try {
                store.write(c -> {
                    labels.close();
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "labeling run " + runId + ": cannot close the label writer", e);
            }
        }

        /**
         * The one thread that writes labels. It takes the answers waiting in the queue (at least one, at most
         * {@link #MAX_GROUP}), commits them in one transaction, and only then counts them as done. Commits start at
         * most every {@link #COMMIT_SPACING_NANOS}: while the previous one is more recent than that, the writer
         * sleeps and lets answers gather, so under load a group is the answers of about that long (a commit costs
         * as much CPU as a handful of inserts), and a lone answer is committed at once. Workers hand answers over
         * and go back to the server at once instead of queueing on the database's write lock; a cancel still
         * writes every answer that arrived.
         */
        private void writeAnswers(LabelWriter labels) {
            boolean broken = false;
            List<Answered> group = new ArrayList<>();
            boolean ended = false;
            long lastCommit = System.nanoTime() - COMMIT_SPACING_NANOS;
            while (!ended) {
                Answered first;
                try {
                    first = answered.take();
                } catch (InterruptedException e) {
                    continue; // only the END marker stops the writer, so nothing answered is dropped
                }
                group.add(first);
                long wait = lastCommit + COMMIT_SPACING_NANOS - System.nanoTime();
                if (first != Answered.END && wait > 0) {
                    LockSupport.parkNanos(wait); // a sleep, not a wait on the queue: arrivals do not wake it
                }
                answered.drainTo(group, MAX_GROUP - 1);
                if (group.get(group.size() - 1) == Answered.END) { // END is put after the last worker has finished
                    group.remove(group.size() - 1);
                    ended = true;
                }
                if (!broken && !group.isEmpty()) {
                    lastCommit = System.nanoTime();
                    try {
                        commit(labels, group);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "labeling run " + runId + " cannot write labels", e);
                        control.abort("cannot write labels to the project: " + e.getMessage());
                        broken = true; // the project cannot be written: leave the rest for the next run
                    }
                }
                group.clear();
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

        private void writePendingCombinations(LabelWriter labels) {
            if (plan.toCombine().isEmpty()) {
                return;
            }
            long[] written = store.write(c -> {
                noteOthersLabels(c, labels);
                long n = 0;
                for (SlotQuery q : plan.toCombine()) {
                    if (writeCombined(c, labels, q.comparisonId(), q.sampleIndex())) {
                        n++;
                    }
                }
                return new long[] {n, labels.lastLabelId(c)};
            });
            combined.addAndGet(written[0]);
            lastSeenLabelId = written[1];
        }

        /**
         * Called first in every transaction that writes labels: labels added since this run last wrote are someone
         * else's; if one is of this labeler, slots are checked one by one from now on.
         */
        private void noteOthersLabels(java.sql.Connection c, LabelWriter labels) throws java.sql.SQLException {
            if (!onlyOwnLabelsSincePlan) {
                return;
            }
            long last = labels.lastLabelId(c);
            if (last != lastSeenLabelId && labels.labeledBetween(c, labeler.id(), lastSeenLabelId, last)) {
                onlyOwnLabelsSincePlan = false;
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
                inFlight.incrementAndGet();
                try {
                    PairFeed.Item item = feed.next();
                    if (item == null) {
                        return;
                    }
                    SlotQuery q = item.query();
                    Comparison pair = item.pair();
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

        /** What writing one answer did. */
        private enum Written {
            RACED, LABEL, LABEL_AND_COMBINED
        }

        /** What a group's transaction wrote, and the highest label id after it. */
        private record GroupWritten(Written[] outcome, long lastLabelId) {
        }

        /**
         * Commits a group of answers in one transaction, then counts them: a label is reported done only once it is
         * committed. If the transaction fails, none of the group is counted (or stored), and the run stops.
         */
        private void commit(LabelWriter labels, List<Answered> group) {
            GroupWritten done = store.write(c -> {
                noteOthersLabels(c, labels);
                Written[] out = new Written[group.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = write(c, labels, group.get(i).query(), group.get(i).judgement());
                }
                return new GroupWritten(out, labels.lastLabelId(c));
            });
            lastSeenLabelId = done.lastLabelId();
            Written[] outcome = done.outcome();
            for (int i = 0; i < outcome.length; i++) {
                Judgement j = group.get(i).judgement();
                doneInRow.incrementAndGet();
                if (outcome[i] == Written.RACED) {
                    racedSkips.incrementAndGet();
                    continue;
                }
                if (outcome[i] == Written.LABEL_AND_COMBINED) {
                    combined.incrementAndGet();
                }
                if (j.isVerdict()) {
                    labeled.incrementAndGet();
                    if (j.fromLogprobs()) {
                        softLabels.incrementAndGet();
                    }
                } else {
                    failed.incrementAndGet();
                    lastFailure.set(j.rationale());
                }
            }
        }

        private Written write(java.sql.Connection c, LabelWriter labels, SlotQuery q, Judgement j)
                throws java.sql.SQLException {
            if (!onlyOwnLabelsSincePlan) {
                Optional<Label> current = labels.inForce(c, q.comparisonId(), labeler.id(), q.sampleIndex(),
                        q.order());
                if (current.isPresent() && !(q.supersedes() != null && current.get().id() == q.supersedes())) {
                    return Written.RACED; // another run labeled this slot meanwhile
                }
            }
            Label label = j.toLabel(q.comparisonId(), labeler.id(), q.sampleIndex(), q.order(), q.supersedes());
            labels.append(c, label);
            if (label.isVerdict() && config.settings().orders() == OrderMode.BOTH
                    && writeCombined(c, labels, q.comparisonId(), q.sampleIndex())) {
                return Written.LABEL_AND_COMBINED;
            }
            return Written.LABEL;
        }

        /** Writes the combined label of a pair sample when both orders have verdicts and no combined label exists. */
        private boolean writeCombined(java.sql.Connection c, LabelWriter labels, long pairId, int sample)
                throws java.sql.SQLException {
            Optional<Label> ab = labels.inForce(c, pairId, labeler.id(), sample, OrderShown.AB);
            Optional<Label> ba = labels.inForce(c, pairId, labeler.id(), sample, OrderShown.BA);
            if (ab.isEmpty() || ba.isEmpty() || !ab.get().isVerdict() || !ba.get().isVerdict()) {
                return false;
            }
            Optional<Label> existing = labels.inForce(c, pairId, labeler.id(), sample, null);
            if (existing.isPresent() && existing.get().status() != LabelStatus.FAILED) {
                return false;
            }
            Label combinedLabel = DebiasedLabel.combine(ab.get(), ba.get());
            labels.append(c, existing.map(e -> combinedLabel.superseding(e.id())).orElse(combinedLabel));
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
