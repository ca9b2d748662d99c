package io.stepstream.asl.choice;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.path.InvalidPathException;
import io.stepstream.asl.path.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/** Compiles JSONPath-mode Choice Rules into {@link ChoiceRule} predicate trees. */
public final class ChoiceRules {

    private static final String VARIABLE = "Variable";
    private static final String AND = "And";
    private static final String OR = "Or";
    private static final String NOT = "Not";

    /** Fields of a Choice Rule that are the state handler's business, not the predicate's. */
    private static final Set<String> IGNORED = Set.of("Next", "Assign", "Comment");

    /** Every comparison operator by name, each building its {@link Operator} from its value. */
    private static final Map<String, BiFunction<String, JsonNode, Operator>> OPERATORS = operators();

    private ChoiceRules() {}

    /**
     * Compiles one Choice Rule (a top-level rule, its {@code Next}, {@code Assign} and
     * {@code Comment} are ignored, or a nested one).
     *
     * @throws InvalidChoiceRuleException when the rule is malformed
     */
    public static ChoiceRule compile(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            throw new InvalidChoiceRuleException("A choice rule must be a JSON object, not: " + rule);
        }
        String operator = soleOperator(rule);
        return switch (operator) {
            case AND -> new And(nested(rule, AND));
            case OR -> new Or(nested(rule, OR));
            case NOT -> new Not(notOperand(rule));
            default -> dataTest(rule, operator);
        };
    }

    private static String soleOperator(JsonNode rule) {
        List<String> found = new ArrayList<>();
        for (Iterator<String> names = rule.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (IGNORED.contains(name) || VARIABLE.equals(name)) {
                continue;
            }
            if (!isOperator(name)) {
                throw new InvalidChoiceRuleException("Unknown field '" + name + "' in a choice rule");
            }
            found.add(name);
        }
        if (found.size() != 1) {
            throw new InvalidChoiceRuleException("A choice rule must have exactly one of And, Or, Not"
                    + " or a comparison operator, found " + (found.isEmpty() ? "none" : found));
        }
        String operator = found.get(0);
        boolean booleanExpression = isBooleanOperator(operator);
        if (booleanExpression && rule.has(VARIABLE)) {
            throw new InvalidChoiceRuleException("Field 'Variable' is not allowed with '" + operator + "'");
        }
        if (!booleanExpression && !rule.has(VARIABLE)) {
            throw new InvalidChoiceRuleException("The comparison '" + operator + "' needs a 'Variable'");
        }
        return operator;
    }

    private static boolean isOperator(String name) {
        return isBooleanOperator(name) || OPERATORS.containsKey(name);
    }

    private static boolean isBooleanOperator(String name) {
        return AND.equals(name) || OR.equals(name) || NOT.equals(name);
    }

    private static List<ChoiceRule> nested(JsonNode rule, String operator) {
        JsonNode rules = rule.get(operator);
        if (!rules.isArray() || rules.isEmpty()) {
            throw new InvalidChoiceRuleException(
                    "'" + operator + "' must be a non-empty array of choice rules");
        }
        List<ChoiceRule> compiled = new ArrayList<>(rules.size());
        for (JsonNode nested : rules) {
            compiled.add(compile(nested));
        }
        return compiled;
    }

    private static ChoiceRule notOperand(JsonNode rule) {
        JsonNode operand = rule.get(NOT);
        if (!operand.isObject()) {
            throw new InvalidChoiceRuleException("'Not' must be a single choice rule object");
        }
        return compile(operand);
    }

    private static ChoiceRule dataTest(JsonNode rule, String operator) {
        Path variable = path(VARIABLE, rule.get(VARIABLE));
        return new DataTest(variable, OPERATORS.get(operator).apply(operator, rule.get(operator)));
    }

    private static Path path(String field, JsonNode value) {
        if (!value.isTextual()) {
            throw new InvalidChoiceRuleException("'" + field + "' must be a path string, not: " + value);
        }
        try {
            return Path.compile(value.textValue());
        } catch (InvalidPathException e) {
            throw new InvalidChoiceRuleException("'" + field + "' is not a valid path: " + e.getMessage(), e);
        }
    }

    private static Map<String, BiFunction<String, JsonNode, Operator>> operators() {
        Map<String, BiFunction<String, JsonNode, Operator>> operators = new HashMap<>();
        for (Relation relation : Relation.values()) {
            addComparisons(operators, ValueType.STRING, relation);
            addComparisons(operators, ValueType.NUMERIC, relation);
            addComparisons(operators, ValueType.TIMESTAMP, relation);
        }
        addComparisons(operators, ValueType.BOOLEAN, Relation.EQUALS);
        operators.put("StringMatches", (name, value) -> new StringMatches(Wildcard.compile(
                literal(ValueType.STRING, name, value))));
        operators.put("IsPresent", (name, value) -> new IsPresent(literal(ValueType.BOOLEAN, name, value)));
        for (TypeTest.Kind kind : TypeTest.Kind.values()) {
            operators.put(kind.operatorName(),
                    (name, value) -> new TypeTest(kind, literal(ValueType.BOOLEAN, name, value)));
        }
        return Map.copyOf(operators);
    }

    private static <T> void addComparisons(Map<String, BiFunction<String, JsonNode, Operator>> operators,
                                           ValueType<T> type, Relation relation) {
        String name = type.family() + relation.suffix();
        operators.put(name, (field, value) ->
                new Comparison<>(type, relation, new Operand.Literal<>(literal(type, field, value))));
        operators.put(name + "Path", (field, value) ->
                new Comparison<>(type, relation, new Operand.Reference<>(path(field, value))));
    }

    private static <T> T literal(ValueType<T> type, String field, JsonNode value) {
        T literal = type.read(value);
        if (literal == null) {
            throw new InvalidChoiceRuleException(
                    "'" + field + "' must be " + type.expectation() + ", not: " + value);
        }
        return literal;
    }
}
