package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stepstream.asl.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A compile-time specialisation of an expression built only from what can be evaluated straight
 * on the Jackson trees: literals, paths of plain field names from {@code $states.input},
 * {@code $states.context}, {@code $states.result}, {@code $states.errorOutput} or a variable,
 * {@code &}, {@code + - * / %}, {@code < <= > >=}, {@code and}, {@code or}, object constructors
 * with literal keys, {@code $contains} and {@code $merge} of an array constructor. Most fields of
 * real machines are such expressions, and the library would convert the trees they read to its
 * values and the result back.
 *
 * <p>A shortcut only answers where its answer is certain to be the library's: operands of the
 * types the operator is defined for, every step of a path but the last reading a member of an
 * object, a result already in the form the library's result converts to, every value far inside
 * the budget. Anything else (a type error, an array on a path, an unassigned variable that may name
 * a function, a number the round trip would rewrite, a value near a bound) is {@link #UNDECIDED},
 * and the library evaluates the expression as it always did: errors and their texts stay the
 * library's. {@code ShortcutTest} compares the two on every operator and edge.
 */
final class Shortcut {

    /** Returned when the shortcut cannot answer; never a value. */
    static final JsonNode UNDECIDED = new TextNode("undecided");

    private static final Set<String> STATES_MEMBERS = Set.of("input", "context", "result", "errorOutput");
    /** Larger expressions go to the library, which bounds their depth. */
    private static final int MAX_NODES = 24;

    private final Node root;
    private final int nodes;

    private Shortcut(Node root, int nodes) {
        this.root = root;
        this.nodes = nodes;
    }

    /** The shortcut for {@code compiled}, or null when it has none. */
    static Shortcut of(Jsonata compiled) {
        Compiler compiler = new Compiler();
        Node root = compiler.compile(Ast.root(compiled));
        return root == null || compiler.nodes > MAX_NODES ? null : new Shortcut(root, compiler.nodes);
    }

    /** The value, null for undefined, or {@link #UNDECIDED}. */
    JsonNode evaluate(JsonataEnvironment env) {
        EvaluationBudget budget = env.budget();
        // The library counts at most one level of depth per node here; far inside any budget or not at all.
        if (budget.maxDepth() < 2 * nodes + 2) {
            return UNDECIDED;
        }
        Context context = new Context(env);
        JsonNode value = root.evaluate(context);
        if (value == null || value == UNDECIDED) {
            return value;
        }
        if (!context.charge(value) || JsonataValues.canonicalSize(value, budget.maxValueBytes()) < 0) {
            return UNDECIDED;
        }
        return value;
    }

    /** One evaluation: the environment and the sizes of the values built so far. */
    private static final class Context {
        final JsonataEnvironment env;
        private final long maxValueBytes;
        private final long maxTotalBytes;
        private long totalBytes;

        Context(JsonataEnvironment env) {
            this.env = env;
            this.maxValueBytes = env.budget().maxValueBytes();
            // A quarter: the library counts a few more values than these (the steps of a path, ...).
            this.maxTotalBytes = env.budget().maxTotalBytes() / 4;
        }

        /** Counts a value as the library's budget would; false when it is anywhere near a bound. */
        boolean charge(JsonNode value) {
            long size;
            if (value.isTextual()) {
                size = value.textValue().length();
            } else if (value.isContainerNode()) {
                size = 8L * value.size();
            } else {
                return true;
            }
            totalBytes += size;
            return size <= maxValueBytes && totalBytes <= maxTotalBytes;
        }

        /** True when {@code $name} is a workflow variable, which would hide the function of that name. */
        boolean isAssigned(String name) {
            return env.variables().get(name) != null;
        }
    }

    /** A compiled piece of the expression. */
    private sealed interface Node permits Constant, PathRead, Concat, Arithmetic, Comparison, Logical, ObjectConstructor,
            Contains, Merge {
        /** The value, null for undefined, or {@link #UNDECIDED}. */
        JsonNode evaluate(Context context);
    }

    /** A literal; its value is the library's own. */
    private record Constant(JsonNode value) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            return value;
        }
    }

    /**
     * {@code $states.<member>.<name>...} or {@code $<variable>.<name>...}.
     *
     * @param variable the variable the path starts from
     * @param statesMember with {@code $states}: input, context, result or errorOutput; else null
     * @param names the plain field names read after that, in order
     */
    private record PathRead(String variable, String statesMember, List<String> names) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            JsonNode current;
            if (statesMember != null) {
                current = member(context.env);
                if (current == null) {
                    return null;
                }
            } else {
                current = context.env.variables().get(variable);
                if (current == null) {
                    // Unassigned: the name may be a function ($string.a), which is the library's business.
                    return UNDECIDED;
                }
            }
            for (String name : names) {
                if (!current.isObject() || !context.charge(current)) {
                    return UNDECIDED;
                }
                current = current.get(name);
                if (current == null) {
                    return null;
                }
            }
            return context.charge(current) ? current : UNDECIDED;
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

    /** {@code a & b} of strings or undefined (the empty string). */
    private record Concat(Node lhs, Node rhs) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            String left = text(lhs.evaluate(context));
            if (left == null) {
                return UNDECIDED;
            }
            String right = text(rhs.evaluate(context));
            if (right == null) {
                return UNDECIDED;
            }
            TextNode value = Json.NODES.textNode(left + right);
            return context.charge(value) ? value : UNDECIDED;
        }

        private static String text(JsonNode value) {
            if (value == null) {
                return "";
            }
            return value != UNDECIDED && value.isTextual() ? value.textValue() : null;
        }
    }

    /** {@code + - * / %} of numbers, in doubles as the library computes. */
    private record Arithmetic(char operator, Node lhs, Node rhs) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            JsonNode left = lhs.evaluate(context);
            if (left == UNDECIDED || (left != null && !left.isNumber())) {
                return UNDECIDED;
            }
            JsonNode right = rhs.evaluate(context);
            if (right == UNDECIDED || (right != null && !right.isNumber())) {
                return UNDECIDED;
            }
            if (left == null || right == null) {
                return null;
            }
            double l = left.doubleValue();
            double r = right.doubleValue();
            double value = switch (operator) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> l / r;
                default -> l % r;
            };
            return Double.isFinite(value) ? JsonataValues.number(value) : UNDECIDED;
        }
    }

    /** {@code < <= > >=} of two numbers or two strings, compared as the library compares them. */
    private record Comparison(String operator, Node lhs, Node rhs) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            JsonNode left = lhs.evaluate(context);
            if (left == null || left == UNDECIDED || !(left.isNumber() || left.isTextual())) {
                return UNDECIDED;
            }
            JsonNode right = rhs.evaluate(context);
            if (right == null || right == UNDECIDED || !(right.isNumber() || right.isTextual())) {
                return UNDECIDED;
            }
            int order;
            if (left.isNumber() && right.isNumber()) {
                // Double.compare, as the library does: it orders -0.0 before 0.0.
                order = Double.compare(left.doubleValue(), right.doubleValue());
            } else if (left.isTextual() && right.isTextual()) {
                order = left.textValue().compareTo(right.textValue());
            } else {
                return UNDECIDED;
            }
            boolean value = switch (operator) {
                case "<" -> order < 0;
                case "<=" -> order <= 0;
                case ">" -> order > 0;
                default -> order >= 0;
            };
            return Json.NODES.booleanNode(value);
        }
    }

    /** {@code and}, {@code or} of booleans or undefined (false); the right side only when needed. */
    private record Logical(boolean and, Node lhs, Node rhs) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            JsonNode left = lhs.evaluate(context);
            if (left == UNDECIDED || (left != null && !left.isBoolean())) {
                return UNDECIDED;
            }
            boolean l = left != null && left.booleanValue();
            if (and != l) {
                return Json.NODES.booleanNode(l);
            }
            JsonNode right = rhs.evaluate(context);
            if (right == UNDECIDED || (right != null && !right.isBoolean())) {
                return UNDECIDED;
            }
            return Json.NODES.booleanNode(right != null && right.booleanValue());
        }
    }

    /** {@code {'key': value, ...}} with distinct literal keys; undefined values leave their key out. */
    private record ObjectConstructor(List<String> keys, List<Node> values) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            ObjectNode object = Json.NODES.objectNode();
            for (int i = 0; i < keys.size(); i++) {
                JsonNode value = values.get(i).evaluate(context);
                if (value == UNDECIDED) {
                    return UNDECIDED;
                }
                if (value != null) {
                    object.set(keys.get(i), value);
                }
            }
            return context.charge(object) ? object : UNDECIDED;
        }
    }

    /** {@code $contains(string, pattern)}, answered by the library's own function. */
    private record Contains(Node string, Object regex, Node pattern) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            if (context.isAssigned("contains")) {
                return UNDECIDED;
            }
            JsonNode value = string.evaluate(context);
            if (value == null || value == UNDECIDED || !value.isTextual()) {
                return UNDECIDED;
            }
            Object token = regex;
            if (token == null) {
                JsonNode text = pattern.evaluate(context);
                if (text == null || text == UNDECIDED || !text.isTextual()) {
                    return UNDECIDED;
                }
                token = text.textValue();
            }
            try {
                Boolean found = Functions.contains(value.textValue(), token);
                return found == null ? UNDECIDED : Json.NODES.booleanNode(found);
            } catch (RuntimeException e) {
                return UNDECIDED;
            }
        }
    }

    /**
     * {@code $merge([a, b, ...])} of objects: later members replace earlier ones in the place of
     * the first. An item that is an array adds its elements, as the array constructor appends.
     */
    private record Merge(List<Node> items) implements Node {
        @Override
        public JsonNode evaluate(Context context) {
            if (context.isAssigned("merge")) {
                return UNDECIDED;
            }
            ObjectNode merged = Json.NODES.objectNode();
            int objects = 0;
            for (Node item : items) {
                JsonNode value = item.evaluate(context);
                if (value == UNDECIDED) {
                    return UNDECIDED;
                }
                if (value == null) {
                    continue;
                }
                Iterator<JsonNode> elements = value.isArray() ? value.elements() : List.of(value).iterator();
                while (elements.hasNext()) {
                    JsonNode element = elements.next();
                    if (!element.isObject()) {
                        return UNDECIDED;
                    }
                    objects++;
                    Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        merged.set(field.getKey(), field.getValue());
                    }
                }
            }
            return objects > 0 && context.charge(merged) ? merged : UNDECIDED;
        }
    }

    /** Turns the library's parse tree into nodes, or null where any part is beyond them. */
    private static final class Compiler {
        int nodes;

        Node compile(Object ast) {
            nodes++;
            String type = Ast.type(ast);
            if (type == null) {
                return null;
            }
            return switch (type) {
                case "string", "number", "value" -> Ast.isPlain(ast, type) ? constant(ast) : null;
                case "variable" -> Ast.isPlain(ast, type) ? path(Ast.value(ast), List.of()) : null;
                case "path" -> path(ast);
                case "binary" -> Ast.isPlain(ast, type, "lhs", "rhs") ? binary(ast) : null;
                case "unary" -> Ast.isPlain(ast, type, "lhsObject") && "{".equals(Ast.operator(ast)) ? object(ast) : null;
                case "function" -> Ast.isPlain(ast, type, "procedure", "arguments") ? function(ast) : null;
                default -> null;
            };
        }

        private static Node constant(Object ast) {
            Object value = Ast.value(ast);
            if (value == null) {
                return new Constant(Json.NODES.nullNode());
            }
            if (value instanceof String s) {
                return new Constant(Json.NODES.textNode(s));
            }
            if (value instanceof Boolean b) {
                return new Constant(Json.NODES.booleanNode(b));
            }
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                return new Constant(JsonataValues.number(n));
            }
            return null;
        }

        private Node path(Object ast) {
            if (!Ast.isPlain(ast, "path", "steps")) {
                return null;
            }
            List<?> steps = (List<?>) Ast.field(ast, "steps");
            if (steps.size() < 2 || !Ast.isPlain(steps.get(0), "variable")) {
                return null;
            }
            List<String> names = new ArrayList<>();
            for (Object step : steps.subList(1, steps.size())) {
                nodes++;
                if (!Ast.isPlain(step, "name") || !(Ast.value(step) instanceof String name)) {
                    return null;
                }
                names.add(name);
            }
            return path(Ast.value(steps.get(0)), names);
        }

        private static Node path(Object variable, List<String> names) {
            if (!(variable instanceof String name) || name.isEmpty()) {
                return null;
            }
            if (!name.equals("states")) {
                return new PathRead(name, null, List.copyOf(names));
            }
            if (names.isEmpty() || !STATES_MEMBERS.contains(names.get(0))) {
                return null;
            }
            return new PathRead(name, names.get(0), List.copyOf(names.subList(1, names.size())));
        }

        private Node binary(Object ast) {
            String op = Ast.operator(ast);
            Node lhs = compile(Ast.field(ast, "lhs"));
            Node rhs = lhs == null ? null : compile(Ast.field(ast, "rhs"));
            if (rhs == null) {
                return null;
            }
            return switch (op) {
                case "&" -> new Concat(lhs, rhs);
                case "+", "-", "*", "/", "%" -> new Arithmetic(op.charAt(0), lhs, rhs);
                case "<", "<=", ">", ">=" -> new Comparison(op, lhs, rhs);
                case "and" -> new Logical(true, lhs, rhs);
                case "or" -> new Logical(false, lhs, rhs);
                default -> null;
            };
        }

        private Node object(Object ast) {
            List<?> pairs = (List<?>) Ast.field(ast, "lhsObject");
            List<String> keys = new ArrayList<>();
            List<Node> values = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (Object pair : pairs) {
                Object[] keyAndValue = (Object[]) pair;
                nodes++;
                if (keyAndValue.length != 2 || !Ast.isPlain(keyAndValue[0], "string")
                        || !(Ast.value(keyAndValue[0]) instanceof String key) || !seen.add(key)) {
                    return null;
                }
                Node value = compile(keyAndValue[1]);
                if (value == null) {
                    return null;
                }
                keys.add(key);
                values.add(value);
            }
            return new ObjectConstructor(List.copyOf(keys), List.copyOf(values));
        }

        private Node function(Object ast) {
            Object procedure = Ast.field(ast, "procedure");
            List<?> arguments = (List<?>) Ast.field(ast, "arguments");
            if (!"(".equals(Ast.operator(ast)) || !Ast.isPlain(procedure, "variable") || arguments == null) {
                return null;
            }
            Object name = Ast.value(procedure);
            if ("contains".equals(name) && arguments.size() == 2) {
                return contains(arguments.get(0), arguments.get(1));
            }
            if ("merge".equals(name) && arguments.size() == 1) {
                return merge(arguments.get(0));
            }
            return null;
        }

        private Node contains(Object stringAst, Object patternAst) {
            Node string = compile(stringAst);
            if (string == null) {
                return null;
            }
            nodes++;
            if (Ast.isPlain(patternAst, "regex") && Ast.value(patternAst) instanceof Pattern regex) {
                return new Contains(string, regex, null);
            }
            Node pattern = compile(patternAst);
            return pattern == null ? null : new Contains(string, null, pattern);
        }

        /** Only an array constructor of items that are not array constructors themselves. */
        private Node merge(Object argument) {
            nodes++;
            if (!Ast.isPlain(argument, "unary", "expressions") || !"[".equals(Ast.operator(argument))) {
                return null;
            }
            List<Node> items = new ArrayList<>();
            for (Object item : (List<?>) Ast.field(argument, "expressions")) {
                if ("unary".equals(Ast.type(item)) && "[".equals(Ast.operator(item))) {
                    return null;
                }
                Node node = compile(item);
                if (node == null) {
                    return null;
                }
                items.add(node);
            }
            return items.isEmpty() ? null : new Merge(List.copyOf(items));
        }
    }
}
