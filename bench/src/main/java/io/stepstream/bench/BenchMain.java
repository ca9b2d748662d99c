package io.stepstream.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with JMH's own command line, leaving out the definitions the interpreter
 * does not load yet (with the reason), so they are skipped instead of failing the run.
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws CommandLineOptionException, RunnerException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<String> asked = cli.getParameter("definition").orElse(FiveStatesBenchmark.DEFINITIONS);
        List<String> loadable = new ArrayList<>();
        for (String definition : asked) {
            try {
                BenchMachine.load(definition, Variant.EXPRESS_OFF);
                loadable.add(definition);
            } catch (BenchMachine.UnsupportedMachineException e) {
                System.err.println("skipping " + definition + ": " + e.getMessage());
            }
        }
        if (loadable.isEmpty()) {
            System.err.println("no benchmark definition loads; nothing to run");
            System.exit(2);
        }
        new Runner(new OptionsBuilder().parent(cli)
                .param("definition", loadable.toArray(String[]::new))
                .build()).run();
    }
}
