package io.stepstream.asl.jsonata;

import static io.stepstream.asl.jsonata.Environments.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StepFunctionsFunctionsTest {

    private static JsonNode eval(String expression) {
        return JsonataExpression.compile(expression).evaluate(input("{}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "$partition([1,2,3,4], 2)|[[1,2],[3,4]]",
        "$partition([0,1,2], 2)|[[0,1],[2]]",
        "$partition([0,1], 2)|[[0,1]]",
        "$partition([0,1,2,3], 1)|[[0],[1],[2],[3]]",
        "$partition([0,1,2], 2.9)|[[0,1],[2]]",
        "$range(0, 6, 2)|[0,2,4,6]",
        "$range(0, 10, 3)|[0,3,6,9]",
        "$range(1, 9, 2)|[1,3,5,7,9]",
        "$range(6, 0, -3)|[6,3,0]",
        "$range(1, 9, 9)|1",
        "$range(-1.7, 2, 1)|[-1,0,1,2]",
        "$hash('input', 'SHA-1')|\"140f86aae51ab9e1cda9b4254fe98a74eb54c1a1\"",
        "$hash('', 'MD5')|\"d41d8cd98f00b204e9800998ecf8427e\"",
        "$hash('abc', 'SHA-256')|\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"",
        "$parse('{\"a\":1}').a|1",
        "$parse('-0')|0",
        "$parse('1.1')|1.1",
        "$parse('[1, 2, \"HelloWorld\"]')|[1,2,\"HelloWorld\"]",
        "$random(42)|0.7275636800328681",
    })
    void implementsTheStepFunctionsFunctions(String expression, String expected) {
        assertEquals(Json.parse(expected), eval(expression));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$partition([1,2], 0)", "$partition([], 2)", "$range(0, 6)", "$range(0, 6, 0)", "$range(6, 0, 1)",
        "$hash('abc')",
    })
    void degenerateArgumentsGiveUndefined(String expression) {
        assertNull(eval(expression));
    }

    @Test
    void hashNamesTheAlgorithmsItSupports() {
        AslException e = assertThrows(AslException.class, () -> eval("$hash('abc', 'sha-1')"));
        assertEquals("The hash algorithm 'sha-1' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
                e.error().cause());
    }

    @Test
    void timeComesFromTheEventNotTheClock() {
        assertEquals(Json.parse("1700000000123"), eval("$millis()"));
        assertEquals(Json.parse("\"2023-11-14T22:13:20.123Z\""), eval("$now()"));
        assertEquals(Json.parse("\"2023\""), eval("$now('[Y0001]')"));
    }

    @Test
    void randomnessComesFromTheEntropy() {
        assertEquals(Json.parse("0.5"), eval("$random()"));
        assertEquals(Json.parse("\"" + Environments.FIXED_UUID + "\""), eval("$uuid()"));
    }

    @Test
    void rangePastAwsBoundFailsWithTheMemoryError() {
        assertEquals(Json.parse("360145"), eval("$count($range(1, 360145, 1))"));
        AslException e = assertThrows(AslException.class, () -> eval("$range(1, 360146, 1)"));
        assertEquals(EvaluationFailure.MEMORY_LIMIT, e.error().cause());
        assertThrows(AslException.class, () -> eval("$range(0, 100000000, 1)"));
    }
}
