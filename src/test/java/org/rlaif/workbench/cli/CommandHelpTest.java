package org.rlaif.workbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** Every command, benchmarks included, answers {@code --help} with its usage, and picocli has nothing to warn about. */
class CommandHelpTest {

    static Stream<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        collect(new CommandLine(new WorkbenchCommand()), new ArrayList<>(), out);
        return out.stream();
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand || !name.equals(sub.getCommandName())) {
                return; // the help command takes no --help, and aliases are the same command
            }
            List<String> next = new ArrayList<>(path);
            next.add(name);
            collect(sub, next, out);
        });
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void answersHelpWithItsUsage(List<String> command) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // picocli's own warnings (a description it cannot format, say) go to System.err, not to the command's err
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int status;
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            status = WorkbenchCommand.execute(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        } finally {
            System.setErr(saved);
        }
        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("Usage: rlaif-workbench" + (command.isEmpty() ? "" : " " + String.join(" ", command)));
        assertThat(systemErr.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }
}
