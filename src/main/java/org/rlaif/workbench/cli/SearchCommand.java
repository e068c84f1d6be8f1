package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rlaif.workbench.domain.Comparison;
import org.rlaif.workbench.store.ProjectStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "search", mixinStandardHelpOptions = true, description = {"Full-text search over contexts and responses.",
        "Every word must occur; \"quoted words\" are a phrase; word* is a prefix."})
final class SearchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOption project;
    @Parameters(arity = "1..*", paramLabel = "WORD", description = "what to look for")
    List<String> words;
    @Option(names = "--limit", defaultValue = "20", description = "at most this many pairs (default: ${DEFAULT-VALUE})")
    int limit;
    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        String query = String.join(" ", words);
        List<Comparison> hits = new ArrayList<>();
        long total;
        try (ProjectStore store = project.openExisting()) {
            List<Long> ids = store.search(query, limit);
            total = store.read(c -> store.searchIndex().count(c, query));
            store.read(c -> {
                for (long id : ids) {
                    store.comparisons().find(c, id).ifPresent(hits::add);
                }
                return null;
            });
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("query", query);
            m.put("total", total);
            m.put("pairs", hits.stream().map(SearchCommand::toJson).toList());
            JsonOutput.print(out, m);
        } else {
            out.printf("%,d pair(s) match \"%s\"%s%n", total, query, total > hits.size() ? ", showing " + hits.size() : "");
            for (Comparison c : hits) {
                out.printf("#%-8d %-12s %s%n", c.id(), c.source(), snippet(c.context(), 100));
            }
        }
        return 0;
    }

    private static Map<String, Object> toJson(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("source", c.source());
        m.put("source_id", c.sourceId());
        m.put("task", c.task().key());
        m.put("split", c.split().key());
        m.put("context", c.context());
        m.put("response_a", c.responseA());
        m.put("response_b", c.responseB());
        return m;
    }

    static String snippet(String text, int max) {
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
