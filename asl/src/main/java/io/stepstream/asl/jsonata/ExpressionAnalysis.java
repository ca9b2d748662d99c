package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What Step Functions checks in a parsed expression, found by walking the library's AST: the
 * top-level references AWS refuses and the variables and {@code $states} fields it reads. The
 * library keeps its AST package-private, so the walk reads the fields by reflection; a test pins
 * the shapes it relies on.
 *
 * <p>AWS evaluates an expression with no context item, so anything that would read it at the top
 * level is refused: a bare field name or {@code $} as the first step of a path, anywhere it is
 * evaluated against the top-level context (operands, function arguments, object and array
 * constructors, blocks, lambda bodies, which keep the context they are defined in). Later path
 * steps, predicates, sort terms, grouping and transforms read a nested context and may use names
 * and {@code $}. {@code $$} always names the top-level context and is refused anywhere.
 */
final class ExpressionAnalysis {

    private static final Class<?> SYMBOL = symbolClass();
    private static final Field AST = field(Jsonata.class, "ast");
    private static final Field TYPE = field(SYMBOL, "type");
    private static final Field VALUE = field(SYMBOL, "value");
    private static final Field STEPS = field(SYMBOL, "steps");
    /** Children evaluated in the same context as their parent. */
    private static final List<Field> SAME_CONTEXT = fields("lhs", "rhs", "expressions", "arguments",
            "procedure", "body", "condition", "then", "_else", "expression", "lhsObject");
    /** Children evaluated against a nested context item. */
    private static final List<Field> NESTED_CONTEXT = fields("stages", "predicate", "group", "terms",
            "expr", "pattern", "update", "delete", "rhsObject");

    private final Set<String> variables = new LinkedHashSet<>();
    private final Set<String> statesFields = new LinkedHashSet<>();
    private int statesReads;
    private int statesFieldReads;

    private ExpressionAnalysis() {}

    /** Analyses {@code compiled}; throws {@link InvalidJsonataException} for what AWS refuses. */
    static ExpressionAnalysis of(Jsonata compiled) {
        ExpressionAnalysis analysis = new ExpressionAnalysis();
        try {
            analysis.walk(get(AST, compiled), true);
        } catch (StackOverflowError e) {
            throw new InvalidJsonataException(InvalidJsonataException.INVALID_JSONATA_EXPRESSION,
                    "The expression is nested too deeply");
        }
        return analysis;
    }

    /** Names of the workflow variables the expression reads ({@code $name}), in order of appearance. */
    Set<String> variables() {
        return variables;
    }

    /** Fields of {@code $states} the expression names ({@code input}, {@code result}, ...). */
    Set<String> statesFields() {
        return statesFields;
    }

    /** True when {@code $states} is read other than as {@code $states.name} (e.g. {@code $keys($states)}). */
    boolean readsWholeStates() {
        return statesReads > statesFieldReads;
    }

    private void walk(Object node, boolean topLevel) {
        if (node == null) {
            return;
        }
        if (node instanceof List<?> list) {
            for (Object element : list) {
                walk(element, topLevel);
            }
            return;
        }
        if (node instanceof Object[] pair) {
            for (Object element : pair) {
                walk(element, topLevel);
            }
            return;
        }
        if (!SYMBOL.isInstance(node)) {
            return;
        }
        String type = (String) get(TYPE, node);
        if ("name".equals(type) && topLevel) {
            throw unsupported("Reference to '" + get(VALUE, node) + "' at the top level is not supported.");
        }
        if ("variable".equals(type)) {
            variable(String.valueOf(get(VALUE, node)), topLevel);
        }
        if ("path".equals(type)) {
            path(node, topLevel);
        }
        for (Field child : SAME_CONTEXT) {
            walk(get(child, node), topLevel);
        }
        for (Field child : NESTED_CONTEXT) {
            walk(get(child, node), false);
        }
    }

    private void variable(String name, boolean topLevel) {
        if (name.equals("$")) {
            throw unsupported("Reference to '$$' is not supported.");
        }
        if (name.isEmpty()) {
            if (topLevel) {
                throw unsupported("Reference to '$' at the top level is not supported.");
            }
            return;
        }
        if (name.equals("states")) {
            statesReads++;
        } else {
            variables.add(name);
        }
    }

    /** Only the first step of a path reads the context the path is evaluated in. */
    private void path(Object node, boolean topLevel) {
        List<?> steps = (List<?>) get(STEPS, node);
        if (steps == null || steps.isEmpty()) {
            return;
        }
        walk(steps.get(0), topLevel);
        for (int i = 1; i < steps.size(); i++) {
            walk(steps.get(i), false);
        }
        if (steps.size() > 1 && isVariable(steps.get(0), "states") && isType(steps.get(1), "name")) {
            statesFields.add(String.valueOf(get(VALUE, steps.get(1))));
            statesFieldReads++;
        }
    }

    private static boolean isVariable(Object step, String name) {
        return isType(step, "variable") && name.equals(get(VALUE, step));
    }

    private static boolean isType(Object step, String type) {
        return SYMBOL.isInstance(step) && type.equals(get(TYPE, step));
    }

    private static InvalidJsonataException unsupported(String message) {
        return new InvalidJsonataException(InvalidJsonataException.UNSUPPORTED_JSONATA_EXPRESSION, message);
    }

    static Object get(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Cannot read the JSONata AST field " + field.getName(), e);
        }
    }

    static Class<?> symbolClass() {
        try {
            return Class.forName("com.dashjoin.jsonata.Parser$Symbol");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Unsupported JSONata library version", e);
        }
    }

    private static List<Field> fields(String... names) {
        return java.util.Arrays.stream(names).map(name -> field(SYMBOL, name)).toList();
    }

    static Field field(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Unsupported JSONata library version: no field " + name, e);
        }
    }
}
