package io.stepstream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./stepstream} command. */
@Command(name = "stepstream", mixinStandardHelpOptions = true, version = "Stepstream 0.1.0",
        description = "Runs AWS Step Functions state machines (Amazon States Language).",
        subcommands = {RunCommand.class, ServerCommand.class, ValidateCommand.class, StartCommand.class,
                DescribeCommand.class, HistoryCommand.class, SendTaskSuccessCommand.class,
                SendTaskFailureCommand.class, StopCommand.class, RedriveCommand.class, ReplayCommand.class})
public final class Main {

    /** Exit codes scripts can rely on (picocli also uses 2 for usage errors). */
    static final int OK = 0;
    static final int EXECUTION_FAILED = 1;
    static final int INVALID_INPUT = 2;
    /** The server's API answered with one of AWS's errors (printed on stderr). */
    static final int API_ERROR = 3;
    /** Nothing answered at the API endpoint. */
    static final int UNREACHABLE = 4;

    public static void main(String[] args) {
        // @FILE means "JSON from FILE" for --input, not picocli's argument files.
        System.exit(new CommandLine(new Main()).setExpandAtFiles(false).execute(args));
    }
}
