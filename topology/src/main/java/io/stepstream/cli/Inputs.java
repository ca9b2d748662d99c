package io.stepstream.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the command line's JSON arguments: inline text, or {@code @file}. */
final class Inputs {
    private Inputs() {}

    static JsonNode json(String argument) {
        if (argument == null) {
            return Json.NODES.objectNode();
        }
        return Json.parse(argument.startsWith("@") ? read(Path.of(argument.substring(1))) : argument);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A state machine name from a definition file name: {@code orders.asl.json} gives {@code orders}. */
    static String machineName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
