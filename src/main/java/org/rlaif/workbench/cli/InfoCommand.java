package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.Labeler;
import org.rlaif.workbench.store.ProjectStore;
import org.rlaif.workbench.store.ProjectSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "info", mixinStandardHelpOptions = true, description = "What a project holds: pairs per task, split and source; labels per labeler.")
final class InfoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        ProjectSummary s;
        try (ProjectStore store = project.openExisting()) {
            s = store.summary();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, toJson(s));
        } else {
            printText(out, s);
        }
        return 0;
    }

    static Map<String, Object> toJson(ProjectSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", s.pairs());
        List<Map<String, Object>> labelers = s.labelers().stream().map(ls -> {
            Labeler l = ls.labeler();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", l.name());
            o.put("kind", l.kind().name());
            o.put("model", l.modelId());
            o.put("params", l.params());
            o.put("technique", l.technique());
            o.put("labels", ls.labels());
            o.put("pairs", ls.pairs());
            o.put("failed", ls.failed());
            return o;
        }).toList();
        m.put("labelers", labelers);
        m.put("tasks", s.tasks());
        m.put("splits", s.splits());
        m.put("sources", s.sources());
        m.put("adjudicated", s.adjudicated());
        return m;
    }

    private static void printText(PrintWriter out, ProjectSummary s) {
        out.printf("%,d pairs, %,d adjudicated%n", s.pairs(), s.adjudicated());
        out.println("tasks:   " + s.tasks());
        out.println("splits:  " + s.splits());
        out.println("sources: " + s.sources());
        out.println();
        out.printf("%-32s %-13s %10s %10s %8s%n", "labeler", "kind", "labels", "pairs", "failed");
        for (ProjectSummary.LabelerSummary ls : s.labelers()) {
            out.printf("%-32s %-13s %,10d %,10d %,8d%n", ls.labeler().name(), ls.labeler().kind(), ls.labels(),
                    ls.pairs(), ls.failed());
        }
    }
}
