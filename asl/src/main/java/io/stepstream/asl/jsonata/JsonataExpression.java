package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.errors.AslException;
import io.stepstream.asl.errors.ErrorNames;
import java.util.Objects;
import java.util.Set;

/**
 * A compiled JSONata expression as Step Functions runs it: JSONata 2.0.6 with the Step Functions
 * functions and without {@code $eval}, evaluated with no context item against
 * {@code $states} and the workflow variables. Immutable and thread-safe; compile once, evaluate
 * many.
 */
public final class JsonataExpression {

    private final String text;
    private final Jsonata compiled;
    private final Set<String> variables;
    private final Set<String> statesFields;
    /** The {@code $states} members to bind; null for all of them. */
    private final Set<String> statesNeeded;
    /** Reads the value straight from the Jackson trees when it can; null when it never can. */
    private final Shortcut shortcut;

    private JsonataExpression(String text, Jsonata compiled, ExpressionAnalysis analysis, Shortcut shortcut) {
        this.text = text;
        this.compiled = compiled;
        this.shortcut = shortcut;
        this.variables = Set.copyOf(analysis.variables());
        this.statesFields = Set.copyOf(analysis.statesFields());
        this.statesNeeded = analysis.readsWholeStates() ? null : statesFields;
    }

    /**
     * Compiles the text inside {@code {% ... %}}. Throws {@link InvalidJsonataException} with
     * {@code INVALID_JSONATA_EXPRESSION} when it does not parse (the message is the parser's,
     * without its JSONata code) and {@code UNSUPPORTED_JSONATA_EXPRESSION} when it reads the
     * top-level context ({@code Reference to 'phone' at the top level is not supported.}).
     */
    public static JsonataExpression compile(String expressionText) {
        return compile(expressionText, true);
    }

    /** The same; {@code shortcuts} false always runs the library (tests compare the two). */
    static JsonataExpression compile(String expressionText, boolean shortcuts) {
        Objects.requireNonNull(expressionText, "expressionText");
        Jsonata compiled = parse(expressionText);
        ExpressionAnalysis analysis = ExpressionAnalysis.of(compiled);
        compiled.setOutputConvertNulls(false);
        StepFunctionsFunctions.registerStatic(compiled);
        return new JsonataExpression(expressionText, compiled, analysis, shortcuts ? Shortcut.of(compiled) : null);
    }

    /** True when some evaluations skip the library (tests check which expressions do). */
    boolean hasShortcut() {
        return shortcut != null;
    }

    /** True when evaluating in {@code env} skips the library (tests check the shortcut is taken). */
    boolean skipsLibrary(JsonataEnvironment env) {
        return shortcut != null && shortcut.evaluate(env) != Shortcut.UNDECIDED;
    }

    private static Jsonata parse(String expressionText) {
        try {
            Jsonata compiled = Jsonata.jsonata(expressionText);
            if (compiled.getErrors() != null && !compiled.getErrors().isEmpty()) {
                throw invalid(compiled.getErrors().get(0).getMessage());
            }
            return compiled;
        } catch (JException e) {
            throw invalid(e.getMessage());
        } catch (StackOverflowError e) {
            throw invalid("The expression is nested too deeply");
        } catch (RuntimeException e) {
            // The parser has a few unchecked failures of its own on malformed input.
            throw invalid(String.valueOf(e.getMessage()));
        }
    }

    private static InvalidJsonataException invalid(String message) {
        return new InvalidJsonataException(InvalidJsonataException.INVALID_JSONATA_EXPRESSION, message);
    }

    /** The expression text as compiled, which is how AWS quotes it in error causes. */
    public String text() {
        return text;
    }

    /** Names of the workflow variables the expression reads, without the {@code $}. */
    public Set<String> variableReferences() {
        return variables;
    }

    /** The fields of {@code $states} the expression names, e.g. {@code input}, {@code result}. */
    public Set<String> statesReferences() {
        return statesFields;
    }

    /**
     * Evaluates the expression. Returns the value, or null when it is undefined. Throws
     * {@link AslException} {@code States.QueryEvaluationError} when evaluation fails; its cause is
     * the library's error as AWS prints it, e.g. {@code T1006: Attempted to invoke a non-function}
     * or {@code Expression evaluation memory limit exceeded: Check for excessive memory usage}.
     */
    public JsonNode evaluate(JsonataEnvironment env) {
        try {
            return evaluateIn(new Session(env));
        } catch (EvaluationFailure failure) {
            throw new AslException(ErrorNames.QUERY_EVALUATION_ERROR, failure.text());
        }
    }

    /** Evaluates within a template's session; throws {@link EvaluationFailure}. */
    JsonNode evaluateIn(Session session) {
        if (shortcut != null) {
            JsonNode value = shortcut.evaluate(session.env());
            if (value != Shortcut.UNDECIDED) {
                return value;
            }
        }
        EvaluationBudget budget = session.env().budget();
        try {
            Object value = compiled.evaluate(null, session.frame(variables, statesNeeded));
            return JsonataValues.toJson(value, new JsonataValues.SizeBudget(budget.maxValueBytes()));
        } catch (EvaluationFailure failure) {
            throw failure;
        } catch (JException e) {
            throw EvaluationFailure.of(e);
        } catch (StackOverflowError e) {
            throw EvaluationFailure.uncoded(EvaluationFailure.STACK_OVERFLOW);
        } catch (OutOfMemoryError e) {
            // A single oversized allocation (a huge $pad, a string built from a lazy range) fails
            // here before it fills the heap; report it as the memory bound it is.
            throw EvaluationFailure.memoryLimit();
        } catch (RuntimeException e) {
            // The library lets a few Java exceptions escape (casts, arithmetic); they are still
            // evaluation errors of this expression, not faults of the interpreter.
            throw EvaluationFailure.uncoded(String.valueOf(e.getMessage()));
        }
    }

    @Override
    public String toString() {
        return "{% " + text + " %}";
    }
}
