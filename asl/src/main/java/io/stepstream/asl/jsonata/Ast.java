package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Jsonata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads the library's parse tree, which it keeps package-private, for {@link Shortcut}: a node's
 * type, value and children, and whether it carries anything beyond what its kind needs (a
 * predicate, a sort, a {@code []}, a focus binding ...), in which case it is left to the library.
 */
final class Ast {

    private static final Class<?> SYMBOL = ExpressionAnalysis.symbolClass();
    private static final Field ROOT = ExpressionAnalysis.field(Jsonata.class, "ast");
    /** Fields that say what a node is, set on every node. */
    private static final Set<String> DESCRIPTIVE = Set.of("id", "type", "value", "bp", "lbp", "position");
    private static final List<Field> FIELDS = Arrays.stream(SYMBOL.getDeclaredFields())
            .filter(f -> !f.isSynthetic() && !Modifier.isStatic(f.getModifiers()))
            .peek(f -> f.setAccessible(true))
            .toList();

    private Ast() {}

    static Object root(Jsonata compiled) {
        return ExpressionAnalysis.get(ROOT, compiled);
    }

    /** The node's {@code type}: path, variable, name, binary, function, unary, string, number, value, regex ... */
    static String type(Object node) {
        return SYMBOL.isInstance(node) ? (String) field(node, "type") : null;
    }

    static Object value(Object node) {
        return field(node, "value");
    }

    /** An operator node's operator as text; the parser keeps one-character operators as characters. */
    static String operator(Object node) {
        return String.valueOf(value(node));
    }

    static Object field(Object node, String name) {
        for (Field field : FIELDS) {
            if (field.getName().equals(name)) {
                return ExpressionAnalysis.get(field, node);
            }
        }
        throw new IllegalStateException("Unsupported JSONata library version: no field " + name);
    }

    /**
     * True when {@code node} is a symbol of {@code type} whose only fields set, beyond the
     * descriptive ones, are {@code children}.
     */
    static boolean isPlain(Object node, String type, String... children) {
        if (!type.equals(type(node))) {
            return false;
        }
        List<String> allowed = List.of(children);
        for (Field field : FIELDS) {
            if (DESCRIPTIVE.contains(field.getName()) || allowed.contains(field.getName())) {
                continue;
            }
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
}
