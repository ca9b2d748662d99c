package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Choice states: a non-empty Choices array of rules and an optional Default. Top-level rules
 * need Next; rules nested in And/Or/Not must not have it. A JSONPath data-test rule has a
 * Variable and exactly one comparison operator whose operand has the operator's type; a
 * JSONata rule has a Condition.
 */
final class ChoiceRules {

    /** The operand each comparison operator takes; "Path" variants take a path. */
    private enum Operand { STRING, NUMBER, BOOLEAN, TIMESTAMP, PATH }

    private static final Map<String, Operand> COMPARATORS = comparators();
    private static final Set<String> LOGICAL = Set.of("And", "Or", "Not");
    private static final Set<String> TOP_LEVEL_FIELDS = Set.of("Next", "Assign", "Output", "Comment");
    private static final Set<String> JSONATA_RULE_FIELDS = Set.of("Condition", "Next", "Assign", "Output", "Comment");

    static void check(StateValidator s) {
        JsonNode choices = s.state.get("Choices");
        if (choices == null) {
            s.out.required(s.location, "Choices");
        } else if (!choices.isArray()) {
            s.out.expectedType("ARRAY", s.at("Choices"));
        } else if (choices.isEmpty()) {
            s.out.empty(s.at("Choices"));
        } else {
            for (int i = 0; i < choices.size(); i++) {
                String location = Loc.index(s.at("Choices"), i);
                if (s.jsonata()) {
                    jsonataRule(choices.get(i), location, s);
                } else {
                    rule(choices.get(i), location, true, s);
                }
            }
        }
        JsonNode defaultState = s.state.get("Default");
        if (defaultState != null && !defaultState.isTextual()) {
            s.out.expectedType("STRING", s.at("Default"));
        }
    }

    private static void jsonataRule(JsonNode rule, String location, StateValidator s) {
        if (!rule.isObject()) {
            s.out.expectedType("OBJECT", location);
            return;
        }
        for (Iterator<String> fields = rule.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (JSONATA_RULE_FIELDS.contains(field)) {
                continue;
            }
            if (COMPARATORS.containsKey(field) || LOGICAL.contains(field) || field.equals("Variable")) {
                s.out.schema(FieldRules.otherLanguage(field, true), location);
            } else {
                s.out.notSupported(field, location);
            }
        }
        JsonNode condition = rule.get("Condition");
        if (condition == null) {
            s.out.required(location, "Condition");
        } else if (!condition.isBoolean() && !Jsonata.isExpression(condition)) {
            s.out.expectedType("BOOLEAN", Loc.field(location, "Condition"));
        } else if (condition.isTextual()) {
            Jsonata.checkString(condition.asText(), Loc.field(location, "Condition"), s.out);
        }
        topLevelFields(rule, location, s);
    }

    /** A JSONPath rule; {@code topLevel} for an element of Choices, false inside And/Or/Not. */
    private static void rule(JsonNode rule, String location, boolean topLevel, StateValidator s) {
        if (!rule.isObject()) {
            s.out.expectedType("OBJECT", location);
            return;
        }
        List<String> operators = new ArrayList<>();
        for (Iterator<String> fields = rule.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (COMPARATORS.containsKey(field) || LOGICAL.contains(field)) {
                operators.add(field);
            } else if (field.equals("Condition")) {
                s.out.schema(FieldRules.otherLanguage(field, false), location);
            } else if (field.equals("Output") && topLevel) {
                s.out.schema(FieldRules.otherLanguage(field, false), location);
            } else if (!field.equals("Variable") && !field.equals("Comment")
                    && !(topLevel && TOP_LEVEL_FIELDS.contains(field))) {
                s.out.notSupported(field, location);
            }
        }
        if (topLevel) {
            topLevelFields(rule, location, s);
        }
        if (operators.size() != 1) {
            s.out.schema("A Choice Rule must have exactly one comparison operator or one of the fields"
                    + " [And, Or, Not]", location);
            return;
        }
        String operator = operators.get(0);
        if (LOGICAL.contains(operator)) {
            logical(rule, operator, location, s);
        } else {
            dataTest(rule, operator, location, s);
        }
    }

    /** Next (required), Assign and Output of a top-level rule. */
    private static void topLevelFields(JsonNode rule, String location, StateValidator s) {
        JsonNode next = rule.get("Next");
        if (next == null) {
            s.out.required(location, "Next");
        } else if (!next.isTextual()) {
            s.out.expectedType("STRING", Loc.field(location, "Next"));
        }
        JsonNode assign = rule.get("Assign");
        if (assign != null) {
            Assignments.check(assign, Loc.field(location, "Assign"), s.jsonata(), s.out);
        }
        JsonNode output = rule.get("Output");
        if (output != null && s.jsonata()) {
            Jsonata.check(output, Loc.field(location, "Output"), s.out);
        }
    }

    private static void logical(JsonNode rule, String operator, String location, StateValidator s) {
        if (rule.has("Variable")) {
            s.out.notSupported("Variable", location);
        }
        JsonNode operand = rule.get(operator);
        String at = Loc.field(location, operator);
        if (operator.equals("Not")) {
            rule(operand, at, false, s);
        } else if (!operand.isArray()) {
            s.out.expectedType("ARRAY", at);
        } else if (operand.isEmpty()) {
            s.out.empty(at);
        } else {
            for (int i = 0; i < operand.size(); i++) {
                rule(operand.get(i), Loc.index(at, i), false, s);
            }
        }
    }

    private static void dataTest(JsonNode rule, String operator, String location, StateValidator s) {
        JsonNode variable = rule.get("Variable");
        if (variable == null) {
            s.out.required(location, "Variable");
        } else if (!variable.isTextual()) {
            s.out.expectedType("STRING", Loc.field(location, "Variable"));
        } else if (!PathRules.isPath(variable.asText())) {
            s.out.schema("The value for the field 'Variable' must be a valid JSONPath", Loc.field(location, "Variable"));
        }
        JsonNode operand = rule.get(operator);
        String at = Loc.field(location, operator);
        switch (COMPARATORS.get(operator)) {
            case STRING -> expect(operand.isTextual(), "STRING", at, s);
            case NUMBER -> expect(operand.isNumber(), "NUMBER", at, s);
            case BOOLEAN -> expect(operand.isBoolean(), "BOOLEAN", at, s);
            case TIMESTAMP -> {
                if (!operand.isTextual()) {
                    s.out.expectedType("STRING", at);
                } else if (!Timestamps.isRfc3339(operand.asText())) {
                    s.out.schema(Timestamps.MISMATCH, at);
                }
            }
            case PATH -> {
                if (!operand.isTextual()) {
                    s.out.expectedType("STRING", at);
                } else if (!PathRules.isPath(operand.asText())) {
                    s.out.schema("The value for the field '" + operator + "' must be a valid JSONPath", at);
                }
            }
        }
    }

    private static void expect(boolean matches, String type, String location, StateValidator s) {
        if (!matches) {
            s.out.expectedType(type, location);
        }
    }

    private static Map<String, Operand> comparators() {
        Map<String, Operand> comparators = new java.util.HashMap<>();
        for (String relation : List.of("Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals")) {
            comparators.put("String" + relation, Operand.STRING);
            comparators.put("Numeric" + relation, Operand.NUMBER);
            comparators.put("Timestamp" + relation, Operand.TIMESTAMP);
            comparators.put("String" + relation + "Path", Operand.PATH);
            comparators.put("Numeric" + relation + "Path", Operand.PATH);
            comparators.put("Timestamp" + relation + "Path", Operand.PATH);
        }
        comparators.put("BooleanEquals", Operand.BOOLEAN);
        comparators.put("BooleanEqualsPath", Operand.PATH);
        comparators.put("StringMatches", Operand.STRING);
        for (String test : List.of("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")) {
            comparators.put(test, Operand.BOOLEAN);
        }
        return Map.copyOf(comparators);
    }

    private ChoiceRules() {}
}
