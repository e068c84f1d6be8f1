package org.rlaif.workbench.cli;

import java.io.PrintWriter;
import org.rlaif.workbench.io.ImportException;
import org.rlaif.workbench.store.StoreException;
import org.rlaif.workbench.training.TrainingSetupException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: the same features as the window, for scripts and CI. */
@Command(name = "rlaif-workbench",
        mixinStandardHelpOptions = true,
        versionProvider = WorkbenchCommand.Version.class,
        description = "Study AI preference labels against human ones. With no command, opens the window.",
        subcommands = {
                ImportCommand.class,
                InfoCommand.class,
                ExportCommand.class,
                SearchCommand.class,
                MetricsCommand.class,
                LabelCommand.class,
                TrainCommand.class,
                TeachCommand.class,
                GenerateCommand.class,
                PoliciesCommand.class,
                TrainEnvCommand.class,
                RunsCommand.class,
                BenchCommand.class,
                ScreenshotsCommand.class,
                CommandLine.HelpCommand.class
        })
public final class WorkbenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Runs the command line and returns the exit status: 0 done, 1 failed, 2 bad usage. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new WorkbenchCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            Throwable cause = e;
            if (cause instanceof CliFailure || cause instanceof StoreException || cause instanceof ImportException
                    || cause instanceof TrainingSetupException) {
                commandLine.getErr().println("error: " + cause.getMessage());
                return 1;
            }
            commandLine.getErr().println("error: " + cause);
            cause.printStackTrace(commandLine.getErr());
            return 1;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = WorkbenchCommand.class.getPackage().getImplementationVersion();
            return new String[] {"RLAIF Workbench " + (v == null ? "(development build)" : v)};
        }
    }
}
