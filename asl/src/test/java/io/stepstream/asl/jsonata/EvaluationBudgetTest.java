package io.stepstream.asl.jsonata;

import static io.stepstream.asl.jsonata.Environments.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import io.stepstream.asl.json.Json;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class EvaluationBudgetTest {

    private static JsonNode eval(String expression, EvaluationBudget budget) {
        return JsonataExpression.compile(expression).evaluate(input("{}").withBudget(budget));
    }

    private static String failure(String expression, EvaluationBudget budget) {
        AslException e = assertThrows(AslException.class, () -> eval(expression, budget));
        assertEquals(ErrorNames.QUERY_EVALUATION_ERROR, e.error().error());
        return e.error().cause();
    }

    private static String sumOfOnes(int terms) {
        return String.join("+", Collections.nCopies(terms, "1"));
    }

    @Test
    void depthMatchesAwsBound() {
        assertEquals(Json.parse("100"), eval(sumOfOnes(100), EvaluationBudget.AWS));
        assertEquals(EvaluationFailure.STACK_OVERFLOW + " Depth=101 max=100", failure(sumOfOnes(101), EvaluationBudget.AWS));
    }

    @Test
    void deepRecursionFailsTheStateInsteadOfOverflowingTheStack() {
        String recursion = "($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))";
        assertTrue(failure(recursion, EvaluationBudget.AWS).startsWith(EvaluationFailure.STACK_OVERFLOW));
        // Even with the depth bound lifted, the JVM's own stack overflow becomes the same error.
        EvaluationBudget unbounded = new EvaluationBudget(Duration.ofSeconds(30), Integer.MAX_VALUE, 6_990_256L, 1L << 40);
        assertEquals(EvaluationFailure.STACK_OVERFLOW, failure(recursion, unbounded));
    }

    @Test
    void endlessTailRecursionTimesOut() {
        EvaluationBudget quick = new EvaluationBudget(Duration.ofMillis(200), 100, 6_990_256L, 1L << 40);
        String cause = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> failure("($f := function($x){ $f($x + 1) }; $f(1))", quick));
        assertEquals(EvaluationFailure.TIMEOUT, cause);
    }

    @Test
    void valueSizeMatchesAwsBound() {
        assertEquals(Json.parse("873782"), eval("[1..873782] ~> $count()", EvaluationBudget.AWS));
        assertEquals(EvaluationFailure.MEMORY_LIMIT, failure("[1..873783] ~> $count()", EvaluationBudget.AWS));
        String doubling = "($p := function($s, $n) { $n = 0 ? $s : $p($s & $s, $n - 1) }; $length($p('x', %d)))";
        assertEquals(Json.parse("4194304"), eval(doubling.formatted(22), EvaluationBudget.AWS));
        assertEquals(EvaluationFailure.MEMORY_LIMIT, failure(doubling.formatted(23), EvaluationBudget.AWS));
    }

    @Test
    void manyLargeValuesTogetherHitTheTotalBound() {
        String cause = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> failure("$map([1..1000], function($x){ [1..100000] }) ~> $count()", EvaluationBudget.AWS));
        assertEquals(EvaluationFailure.MEMORY_LIMIT, cause);
    }

    @Test
    void hugeRangesFailCleanly() {
        assertEquals(EvaluationFailure.MEMORY_LIMIT, failure("$range(0, 100000000, 1)", EvaluationBudget.AWS));
        assertTrue(failure("[0..100000000]", EvaluationBudget.AWS).startsWith("D2014: "));
    }

    @Test
    void rejectsMeaninglessBudgets() {
        assertThrows(IllegalArgumentException.class, () -> new EvaluationBudget(Duration.ZERO, 100, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationBudget(Duration.ofSeconds(1), 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new EvaluationBudget(Duration.ofSeconds(1), 1, 10, 5));
    }
}
