package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the server's API. Turns failures into one line on stderr and the
 * documented exit codes: {@value Main#INVALID_INPUT} for bad arguments, {@value Main#API_ERROR} when
 * the API answers with an AWS error, {@value Main#UNREACHABLE} when nothing answers.
 */
abstract class ApiCommand implements Callable<Integer> {

    @Mixin
    ApiOptions api;

    @Spec
    CommandSpec spec;

    /** Does the work; returns the exit code. */
    abstract int run(ApiClient client) throws InterruptedException;

    @Override
    public final Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(api.client());
        } catch (ApiClient.Failure e) {
            err.println("stepstream " + spec.name() + ": " + e.getMessage());
            return Main.API_ERROR;
        } catch (ApiClient.Unreachable e) {
            err.println("stepstream " + spec.name() + ": " + e.getMessage());
            return Main.UNREACHABLE;
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("stepstream " + spec.name() + ": " + e.getMessage());
            return Main.INVALID_INPUT;
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    void print(JsonNode json) {
        try {
            out().println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out().flush();
    }

    /** JSON text from an argument ({@code @FILE} reads a file), checked before it is sent. */
    static String jsonArgument(String argument, String what) {
        try {
            return Json.write(Inputs.json(argument));
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getMessage());
        }
    }
}
