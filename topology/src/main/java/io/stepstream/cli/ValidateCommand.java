package io.stepstream.cli;

import io.stepstream.asl.StateMachines;
import io.stepstream.asl.model.MachineType;
import io.stepstream.asl.validate.Diagnostic;
import io.stepstream.asl.validate.InvalidDefinitionException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stepstream validate}: AWS's create-time diagnostics for a definition. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Checks a definition as CreateStateMachine would; exits 2 when it is invalid.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEFINITION", description = "The ASL definition file (JSON).")
    Path definition;

    @Option(names = "--type", defaultValue = "STANDARD", description = "STANDARD or EXPRESS (default: ${DEFAULT-VALUE}).")
    MachineType type;

    @Override
    public Integer call() {
        try {
            StateMachines.load(Inputs.read(definition), type);
        } catch (InvalidDefinitionException e) {
            for (Diagnostic d : e.diagnostics()) {
                System.out.println(d.severity() + " " + d.code() + ": " + d.message()
                        + (d.location() == null || d.message().contains(d.location()) ? "" : " at " + d.location()));
            }
            return Main.INVALID_INPUT;
        } catch (RuntimeException e) {
            System.out.println(e.getMessage());
            return Main.INVALID_INPUT;
        }
        System.out.println(definition + ": valid " + type + " state machine");
        return Main.OK;
    }
}
