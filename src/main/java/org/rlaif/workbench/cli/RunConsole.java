package org.rlaif.workbench.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.rlaif.workbench.io.Json;
import org.rlaif.workbench.training.RunEvent;
import org.rlaif.workbench.training.TrainerRun;

/**
 * What a foreground run shows: with {@code --json}, every event as a JSON line on standard output (the run protocol,
 * with the run's id), for scripts; on a terminal, one line on standard error that redraws with the step, the loss and
 * the held-out agreement; otherwise nothing until the end.
 */
final class RunConsole implements TrainerRun.Listener {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean terminal;
    private volatile long runId;
    private long done;
    private long total;
    private Double loss;
    private Double agreement;
    private Double reward;
    private Double kl;
    private long lastDraw;

    RunConsole(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = !json && System.console() != null;
    }

    void runId(long id) {
        this.runId = id;
    }

    @Override
    public void event(RunEvent e) {
        if (json) {
            line(e);
            return;
        }
        switch (e) {
            case RunEvent.Progress p -> {
                done = p.done();
                total = p.total();
            }
            case RunEvent.Metric m when m.name().equals("train/loss") -> loss = m.value();
            case RunEvent.Metric m when m.name().equals("eval/human_agreement") -> agreement = m.value();
            case RunEvent.Metric m when m.name().equals("train/reward") -> reward = m.value();
            case RunEvent.Metric m when m.name().equals("train/kl") -> kl = m.value();
            default -> {
            }
        }
        draw(false);
    }

    private void draw(boolean now) {
        long t = System.nanoTime();
        if (!terminal || (!now && t - lastDraw < 300_000_000L)) {
            return;
        }
        lastDraw = t;
        err.printf(Locale.ROOT, "\rrun #%d · step %,d/%,d%s%s%s%s   ", runId, done, total,
                loss == null ? "" : String.format(Locale.ROOT, " · loss %.4f", loss),
                agreement == null ? "" : String.format(Locale.ROOT, " · held-out agreement %.3f", agreement),
                reward == null ? "" : String.format(Locale.ROOT, " · reward %.3f", reward),
                kl == null ? "" : String.format(Locale.ROOT, " · KL %.4f", kl));
        err.flush();
    }

    void clear() {
        if (terminal) {
            err.print("\r" + " ".repeat(90) + "\r");
            err.flush();
        }
    }

    /** Prints one more JSON line (the final result) when in JSON mode. */
    void result(Map<String, Object> result) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "result");
            m.putAll(result);
            print(m);
        }
    }

    private void line(RunEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", switch (e) {
            case RunEvent.Hello h -> "hello";
            case RunEvent.Metric x -> "metric";
            case RunEvent.Progress x -> "progress";
            case RunEvent.Sample x -> "sample";
            case RunEvent.Artifact x -> "artifact";
            case RunEvent.Log x -> "log";
            case RunEvent.Status x -> "status";
        });
        m.put("run_id", runId);
        m.putAll(Json.mapper().convertValue(e, Map.class));
        print(m);
    }

    private void print(Map<String, Object> m) {
        try {
            synchronized (out) {
                out.println(Json.mapper().writeValueAsString(m));
                out.flush();
            }
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
