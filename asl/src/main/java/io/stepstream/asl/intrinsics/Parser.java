package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.json.Json;
import io.stepstream.asl.path.InvalidPathException;
import io.stepstream.asl.path.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser, one method per rule:
 *
 * <pre>
 * expression -> call EOF
 * call       -> NAME "(" arguments? ")"
 * arguments  -> argument ( "," argument )*
 * argument   -> STRING | NUMBER | "true" | "false" | "null" | PATH | call
 * </pre>
 */
final class Parser {

    /** AWS allows intrinsic calls nested up to 10 deep, the outermost call included. */
    static final int MAX_DEPTH = 10;

    private final List<Token> tokens;
    private int current;

    Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    Expr.Call expression() {
        Expr.Call call = call(1);
        if (!check(Token.Type.EOF)) {
            throw error(peek(), "Unexpected '" + peek().lexeme() + "' after the call");
        }
        return call;
    }

    private Expr.Call call(int depth) {
        Token name = consume(Token.Type.NAME, "Expected an intrinsic function name");
        if (depth > MAX_DEPTH) {
            throw error(name, "Intrinsic functions are nested more than " + MAX_DEPTH + " deep");
        }
        IntrinsicFunction function = Functions.named(name.lexeme());
        if (function == null) {
            throw error(name, "Unknown intrinsic function '" + name.lexeme() + "'");
        }
        consume(Token.Type.LEFT_PAREN, "Expected '(' after " + name.lexeme());
        List<Expr> arguments = check(Token.Type.RIGHT_PAREN) ? List.of() : arguments(depth);
        consume(Token.Type.RIGHT_PAREN, "Expected ',' or ')' in the arguments of " + name.lexeme());
        if (!function.signature().accepts(arguments.size())) {
            throw error(name, function.name() + " takes " + function.signature().arity()
                    + " but was given " + arguments.size());
        }
        return new Expr.Call(function, arguments, name.position());
    }

    private List<Expr> arguments(int depth) {
        List<Expr> arguments = new ArrayList<>();
        do {
            arguments.add(argument(depth));
        } while (match(Token.Type.COMMA));
        return arguments;
    }

    private Expr argument(int depth) {
        Token token = peek();
        switch (token.type()) {
            case STRING -> {
                advance();
                return new Expr.StringLiteral(token.value(), token.lexeme(), token.position());
            }
            case NUMBER -> {
                advance();
                return new Expr.NumberLiteral(number(token), token.position());
            }
            case TRUE, FALSE -> {
                advance();
                return new Expr.BooleanLiteral(token.type() == Token.Type.TRUE, token.position());
            }
            case NULL -> {
                advance();
                return new Expr.NullLiteral(token.position());
            }
            case PATH -> {
                advance();
                return new Expr.PathArgument(path(token), token.position());
            }
            case NAME -> {
                return call(depth + 1);
            }
            default -> throw error(token, "Expected an argument");
        }
    }

    private static JsonNode number(Token token) {
        try {
            return Json.parse(token.lexeme());
        } catch (Json.InvalidJsonException e) {
            throw new IntrinsicSyntaxException("Invalid number '" + token.lexeme() + "'", token.position());
        }
    }

    private static Path path(Token token) {
        try {
            return Path.compile(token.lexeme());
        } catch (InvalidPathException e) {
            throw new IntrinsicSyntaxException("Invalid path '" + token.lexeme() + "'", token.position());
        }
    }

    private boolean match(Token.Type type) {
        if (check(type)) {
            advance();
            return true;
        }
        return false;
    }

    private Token consume(Token.Type type, String message) {
        if (check(type)) {
            return advance();
        }
        throw error(peek(), message);
    }

    private boolean check(Token.Type type) {
        return peek().type() == type;
    }

    private Token advance() {
        return tokens.get(current++);
    }

    private Token peek() {
        return tokens.get(current);
    }

    private static IntrinsicSyntaxException error(Token token, String message) {
        return new IntrinsicSyntaxException(message, token.position());
    }
}
