package org.rlaif.workbench.labeling.teacher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.rlaif.workbench.domain.Policy;
import org.rlaif.workbench.domain.PolicyOutput;
import org.rlaif.workbench.domain.Prompt;
import org.rlaif.workbench.domain.Run;
import org.rlaif.workbench.domain.RunState;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.labeling.CountingChatClient;
import org.rlaif.workbench.labeling.LabelingSetupException;
import org.rlaif.workbench.labeling.client.ChatClient;
import org.rlaif.workbench.labeling.client.ChatCompletion;
import org.rlaif.workbench.labeling.client.ChatException;
import org.rlaif.workbench.labeling.client.ChatMessage;
import org.rlaif.workbench.labeling.client.ChatRequest;
import org.rlaif.workbench.labeling.client.RequestRateLimiter;
import org.rlaif.workbench.labeling.client.RetryPolicy;
import org.rlaif.workbench.labeling.client.RetryingChatClient;
import org.rlaif.workbench.runs.Watcher;
import org.rlaif.workbench.store.ProjectStore;

/**
 * One teaching run (decision 47): a teacher writes a response for each prompt it has not answered yet, through the
 * labeling client (bounded concurrency, requests per minute, retries with backoff and Retry-After). Each response is
 * committed as it arrives, as an output of the teacher's {@code TEACHER} policy, so a killed run loses nothing it was
 * told and running it again asks only for the rest. A request that fails after its retries, or an empty answer,
 * stores nothing and is counted; a server that is unreachable or refuses the key stops the run with one message.
 */
public final class Teaching {
    public static final String RUN_KIND = "teach";
    private static final int FAILURES_LOGGED = 10;

    /** Told as responses arrive, from worker threads. */
    @FunctionalInterface
    public interface Listener {
        void progress(long done, long total, long failed);
    }

    /** How a teaching run went. */
    public record Report(long runId, RunState state, String message, Policy teacher, long written, long failed,
                         long alreadyAnswered, long retries, long tokensIn, long tokensOut, Double cost) {
    }

    private final ProjectStore store;
    private final TeacherConfig config;
    private final ChatClient server;
    private final RetryPolicy retryPolicy;

    /** @param server the model server, unwrapped: the run adds rate limiting, retries and counting */
    public Teaching(ProjectStore store, TeacherConfig config, ChatClient server, RetryPolicy retryPolicy) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.server = Objects.requireNonNull(server, "server");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /**
     * The teacher's policy: stored when new; an existing teacher keeps what shaped its responses (a new model or
     * template under the same name would mix two teachers), while its traffic settings may change.
     */
    public static Policy save(ProjectStore store, TeacherConfig config) {
        return store.write(c -> {
            Optional<Policy> existing = store.policies().findByName(c, config.name());
            if (existing.isEmpty()) {
                return store.policies().findOrCreate(c, config.toPolicy());
            }
            TeacherConfig old = TeacherConfig.fromPolicy(existing.get());
            List<String> changed = old.differences(config);
            if (!changed.isEmpty() && !store.policies().outputs(c, existing.get().id()).isEmpty()) {
                throw new LabelingSetupException("teacher '" + config.name() + "' already wrote responses with other"
                        + " settings (" + String.join("; ", changed) + "); give the new settings a new --name so the"
                        + " two can be compared");
            }
            return existing.get();
        });
    }

    /** Asks the teacher for every prompt of {@code prompts} it has not answered. */
    public Report run(List<Prompt> prompts, Listener listener) throws InterruptedException {
        Policy teacher = save(store, config);
        Set<Long> answered = store.read(c -> store.policies().answeredPrompts(c, teacher.id()));
        List<Prompt> open = prompts.stream().filter(p -> !answered.contains(p.id())).toList();
        long skipped = prompts.size() - open.size();
        Run run = openRun(open.size(), skipped);
        Execution ex = new Execution(run.id(), teacher, open.size(), listener);
        ex.go(open);
        return ex.report(skipped);
    }

    private Run openRun(long total, long skipped) {
        ObjectNode spec = Json.mapper().createObjectNode();
        spec.put("teacher", config.name());
        spec.put("model", config.model());
        spec.put("base_url", config.baseUrl());
        spec.put("prompts", total);
        spec.put("already_answered", skipped);
        return store.write(c -> {
            Run r = store.runs().create(c, RUN_KIND, config.name(), spec.toString());
            store.runs().updateWatcher(c, r.id(), Watcher.self());
            store.runs().updatePid(c, r.id(), ProcessHandle.current().pid());
            store.runs().updateState(c, r.id(), RunState.RUNNING, "running");
            store.runs().updateProgress(c, r.id(), 0, total);
            store.runs().appendLog(c, r.id(), String.format(Locale.ROOT, "teacher '%s' (%s at %s): %,d prompts to"
                    + " answer, %,d answered before", config.name(), config.model(), config.baseUrl(), total, skipped));
            return r;
        });
    }

    /** The counters and workers of one run. */
    private final class Execution {
        private final long runId;
        private final Policy teacher;
        private final long total;
        private final Listener listener;
        private final CountingChatClient counting = new CountingChatClient(server);
        private final ChatClient client;
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong retries = new AtomicLong();
        private final AtomicReference<String> fatal = new AtomicReference<>();
        private volatile boolean interrupted;

        Execution(long runId, Policy teacher, long total, Listener listener) {
            this.runId = runId;
            this.teacher = teacher;
            this.total = total;
            this.listener = listener;
            this.client = new RetryingChatClient(counting, retryPolicy,
                    new RequestRateLimiter(config.settings().requestsPerMinute()),
                    (attempt, failure, pause) -> retries.incrementAndGet(), new SplittableRandom());
        }

        void go(List<Prompt> open) throws InterruptedException {
            Semaphore permits = new Semaphore(config.settings().concurrency());
            try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Prompt p : open) {
                    permits.acquire(); // at most `concurrency` requests out at once, and a fatal failure stops the rest
                    if (fatal.get() != null) {
                        permits.release();
                        break;
                    }
                    workers.submit(() -> {
                        try {
                            ask(p);
                        } finally {
                            permits.release();
                        }
                    });
                }
                if (fatal.get() != null) {
                    workers.shutdownNow();
                }
                workers.shutdown();
                workers.awaitTermination(365, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                interrupted = true;
                throw e;
            } finally {
                end();
            }
        }

        private void ask(Prompt p) {
            if (fatal.get() != null) {
                return;
            }
            ChatRequest request = new ChatRequest(config.model(), List.of(ChatMessage.user(config.message(p.task(),
                    p.text()))), config.settings().temperature(), config.settings().maxTokens(), 0, null);
            try {
                ChatCompletion answer = client.complete(request);
                String response = answer.text().strip();
                if (response.isEmpty()) {
                    fail(p, "the teacher's answer was empty" + (answer.finishReason() == null ? ""
                            : " (finish reason " + answer.finishReason() + ")"));
                    return;
                }
                store.write(c -> {
                    store.policies().addOutput(c, new PolicyOutput(0, teacher.id(), p.id(), 0, response, null, runId),
                            null);
                    store.runs().updateProgress(c, runId, written.get() + 1, total);
                    return null;
                });
                written.incrementAndGet();
            } catch (ChatException e) {
                if (e.failure().isFatal()) {
                    fatal.compareAndSet(null, e.getMessage());
                    return;
                }
                fail(p, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // cancelled: nothing stored for this prompt
            }
            listener.progress(written.get(), total, failed.get());
        }

        private void fail(Prompt p, String why) {
            long n = failed.incrementAndGet();
            if (n <= FAILURES_LOGGED) {
                log("prompt #" + p.id() + ": no response stored: " + why);
            }
        }

        private void log(String line) {
            store.write(c -> {
                store.runs().appendLog(c, runId, line);
                return null;
            });
        }

        private void end() {
            RunState state = fatal.get() != null ? RunState.FAILED : interrupted ? RunState.CANCELLED
                    : RunState.FINISHED;
            String message = message(state);
            store.write(c -> {
                store.runs().updateState(c, runId, state, message);
                store.runs().appendLog(c, runId, state.name().toLowerCase(Locale.ROOT) + ": " + message);
                return null;
            });
        }

        private String message(RunState state) {
            String counts = String.format(Locale.ROOT, "%,d responses written, %,d failed (nothing stored for them;"
                    + " run teach again to ask for them)", written.get(), failed.get());
            return switch (state) {
                case FAILED -> "the teacher's server stopped the run: " + fatal.get() + "; " + counts;
                case CANCELLED -> "cancelled; " + counts;
                default -> counts;
            };
        }

        Report report(long skipped) {
            Run run = store.read(c -> store.runs().find(c, runId)).orElseThrow();
            return new Report(runId, run.state(), run.message(), teacher, written.get(), failed.get(), skipped,
                    retries.get(), counting.tokensInCount(), counting.tokensOutCount(),
                    config.settings().cost(counting.tokensInCount(), counting.tokensOutCount()));
        }
    }
}
