package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A compile-time specialisation of an expression whose value can be read straight from the
 * Jackson trees: a literal ({@code 'text'}, {@code 42}, {@code true}, {@code null}) or a path of
 * plain field names from {@code $states.input}, {@code $states.context}, {@code $states.result},
 * {@code $states.errorOutput} or a variable ({@code $states.input.order.items}, {@code $x.a},
 * {@code $x}). Most fields of real machines are such paths, and the library would convert the
 * whole tree they start from to its values and the result back.
 *
 * <p>A shortcut only answers where the answer is certain to be the library's: every step before
 * the last reads a member of an object, and the value is already in the form the library's
 * result converts to. Anything else (an array or a scalar on the way, an unassigned variable that
 * may name a function, a number the round trip would rewrite, a value near the budget) is
 * {@link #UNDECIDED} and the library evaluates the expression as before.
 */
sealed interface Shortcut permits Shortcut.Constant, Shortcut.PathRead {

    /** Returned when the shortcut cannot answer; never a value. */
    JsonNode UNDECIDED = new TextNode("undecided");

    /** The value, null for undefined, or {@link #UNDECIDED}. */
    JsonNode evaluate(JsonataEnvironment env);

    /** The shortcut for {@code compiled}, or null when it has none. */
    static Shortcut of(Jsonata compiled) {
        Object root = Ast.root(compiled);
        if (Ast.isLiteral(root)) {
            return Constant.of(compiled);
        }
        return PathRead.of(root);
    }

    /** A literal's value, computed once by the library itself. */
    record Constant(JsonNode value) implements Shortcut {

        static Shortcut of(Jsonata compiled) {
            try {
                Object value = compiled.evaluate(null, new Jsonata.Frame(null));
                JsonNode json = JsonataValues.toJson(value, new JsonataValues.SizeBudget(
                        EvaluationBudget.AWS.maxValueBytes()));
                return json == null ? null : new Constant(json);
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public JsonNode evaluate(JsonataEnvironment env) {
            // Literals stay within any budget AWS accepts a definition under.
            return env.budget().equals(EvaluationBudget.AWS) ? value : UNDECIDED;
        }
    }

    /**
     * {@code $states.<member>.<name>...} or {@code $<variable>.<name>...}.
     *
     * @param variable the variable the path starts from, {@code states} for {@code $states}
     * @param statesMember with {@code $states}: input, context, result or errorOutput; else null
     * @param names the plain field names read after that, in order
     */
    record PathRead(String variable, String statesMember, List<String> names) implements Shortcut {

        private static final Set<String> STATES_MEMBERS = Set.of("input", "context", "result", "errorOutput");
        /** Longer paths go to the library, which counts their depth against the budget. */
        private static final int MAX_STEPS = 24;

        static Shortcut of(Object root) {
            if (Ast.isPlain(root, "variable")) {
                String variable = Ast.value(root);
                return variable.isEmpty() || variable.equals("states") ? null : new PathRead(variable, null, List.of());
            }
            if (!Ast.isPlain(root, "path")) {
                return null;
            }
            List<?> steps = Ast.steps(root);
            if (steps.size() < 2 || steps.size() > MAX_STEPS || !Ast.isPlain(steps.get(0), "variable")) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (Object step : steps.subList(1, steps.size())) {
                if (!Ast.isPlain(step, "name")) {
                    return null;
                }
                names.add(Ast.value(step));
            }
            String variable = Ast.value(steps.get(0));
            if (variable.isEmpty()) {
                return null;
            }
            if (!variable.equals("states")) {
                return new PathRead(variable, null, List.copyOf(names));
            }
            if (!STATES_MEMBERS.contains(names.get(0))) {
                return null;
            }
            return new PathRead(variable, names.get(0), List.copyOf(names.subList(1, names.size())));
        }

        @Override
        public JsonNode evaluate(JsonataEnvironment env) {
            JsonNode current;
            if (statesMember != null) {
                current = member(env);
                if (current == null) {
                    return null;
                }
            } else {
                current = env.variables().get(variable);
                if (current == null) {
                    // Unassigned: the name may be a function ($string.a), which is the library's business.
                    return UNDECIDED;
                }
            }
            long maxValueBytes = env.budget().maxValueBytes();
            for (String name : names) {
                if (!current.isObject() || 8L * current.size() > maxValueBytes) {
                    return UNDECIDED;
                }
                current = current.get(name);
                if (current == null) {
                    return null;
                }
            }
            if (current.isContainerNode() && 8L * current.size() > maxValueBytes) {
                return UNDECIDED;
            }
            long size = JsonataValues.canonicalSize(current, maxValueBytes);
            return size < 0 ? UNDECIDED : current;
        }

        private JsonNode member(JsonataEnvironment env) {
            return switch (statesMember) {
                case "input" -> env.input();
                case "context" -> env.context();
                case "result" -> env.result();
                default -> env.errorOutput();
            };
        }
    }

    /** Reads the library's parse tree, which it keeps package-private. */
    final class Ast {
        private static final Class<?> SYMBOL = ExpressionAnalysis.symbolClass();
        private static final Field ROOT = ExpressionAnalysis.field(Jsonata.class, "ast");
        private static final Field TYPE = ExpressionAnalysis.field(SYMBOL, "type");
        private static final Field VALUE = ExpressionAnalysis.field(SYMBOL, "value");
        private static final Field STEPS = ExpressionAnalysis.field(SYMBOL, "steps");
        /** Fields that say what a node is; any other field set means more than a plain read. */
        private static final Set<String> DESCRIPTIVE = Set.of("id", "type", "value", "bp", "lbp", "position", "steps");
        private static final List<Field> OTHERS = Arrays.stream(SYMBOL.getDeclaredFields())
                .filter(f -> !f.isSynthetic() && !java.lang.reflect.Modifier.isStatic(f.getModifiers()))
                .filter(f -> !DESCRIPTIVE.contains(f.getName()))
                .peek(f -> f.setAccessible(true))
                .toList();
        private static final Set<String> LITERAL_TYPES = Set.of("string", "number", "value");

        private Ast() {}

        static Object root(Jsonata compiled) {
            return ExpressionAnalysis.get(ROOT, compiled);
        }

        static boolean isLiteral(Object node) {
            return isPlain(node, null) && LITERAL_TYPES.contains(ExpressionAnalysis.get(TYPE, node));
        }

        /** True when {@code node} is a symbol of {@code type} (any type when null) with nothing else set. */
        static boolean isPlain(Object node, String type) {
            if (!SYMBOL.isInstance(node)) {
                return false;
            }
            if (type != null && !type.equals(ExpressionAnalysis.get(TYPE, node))) {
                return false;
            }
            if (!"path".equals(ExpressionAnalysis.get(TYPE, node)) && ExpressionAnalysis.get(STEPS, node) != null) {
                return false;
            }
            if (("variable".equals(type) || "name".equals(type)) && !(ExpressionAnalysis.get(VALUE, node) instanceof String)) {
                return false;
            }
            for (Field field : OTHERS) {
                Object value = ExpressionAnalysis.get(field, node);
                boolean unset = value == null || Boolean.FALSE.equals(value)
                        || (value instanceof Integer i && i == 0)
                        || (value instanceof List<?> list && list.isEmpty());
                if (!unset) {
                    return false;
                }
            }
            return true;
        }

        static String value(Object node) {
            return (String) ExpressionAnalysis.get(VALUE, node);
        }

        static List<?> steps(Object node) {
            return (List<?>) ExpressionAnalysis.get(STEPS, node);
        }
    }
}
