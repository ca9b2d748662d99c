package io.stepstream.asl.intrinsics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an intrinsic expression into tokens. Paths are scanned as one token (up to the next
 * top-level comma, closing parenthesis or blank) and compiled by the parser.
 */
final class Scanner {

    private static final Map<String, Token.Type> KEYWORDS = Map.of(
            "true", Token.Type.TRUE,
            "false", Token.Type.FALSE,
            "null", Token.Type.NULL);

    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private int start;
    private int current;

    Scanner(String source) {
        this.source = source;
    }

    List<Token> scanTokens() {
        while (!isAtEnd()) {
            start = current;
            scanToken();
        }
        tokens.add(Token.of(Token.Type.EOF, "", current));
        return tokens;
    }

    private void scanToken() {
        char c = advance();
        switch (c) {
            case '(' -> add(Token.Type.LEFT_PAREN);
            case ')' -> add(Token.Type.RIGHT_PAREN);
            case ',' -> add(Token.Type.COMMA);
            case '\'' -> string();
            case '$' -> path();
            default -> {
                if (Character.isWhitespace(c)) {
                    return;
                }
                if (c == '-' || isDigit(c)) {
                    number();
                } else if (Character.isLetter(c)) {
                    name();
                } else {
                    throw error("Unexpected character '" + c + "'", start);
                }
            }
        }
    }

    /** A single-quoted string; only \' \{ \} and \\ are escapes (AWS rejects any other). */
    private void string() {
        StringBuilder value = new StringBuilder();
        while (!isAtEnd() && peek() != '\'') {
            char c = advance();
            if (c == '\\') {
                if (isAtEnd()) {
                    throw error("Dangling escape character '\\'", current - 1);
                }
                char escaped = advance();
                if ("'{}\\".indexOf(escaped) < 0) {
                    throw error("Invalid escape sequence '\\" + escaped + "'", current - 2);
                }
                value.append(escaped);
            } else {
                value.append(c);
            }
        }
        if (isAtEnd()) {
            throw error("Unterminated string", start);
        }
        advance(); // the closing quote
        tokens.add(new Token(Token.Type.STRING, source.substring(start + 1, current - 1), value.toString(), start));
    }

    private void number() {
        if (source.charAt(start) == '-' && !isDigit(peek())) {
            throw error("Expected a digit after '-'", start);
        }
        digits();
        if (peek() == '.' && isDigit(peekNext())) {
            advance();
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            int mark = current;
            advance();
            if (peek() == '+' || peek() == '-') {
                advance();
            }
            if (!isDigit(peek())) {
                throw error("Malformed exponent", mark);
            }
            digits();
        }
        add(Token.Type.NUMBER);
    }

    private void digits() {
        while (isDigit(peek())) {
            advance();
        }
    }

    /** A function name such as {@code States.Format}, or a keyword. */
    private void name() {
        while (Character.isLetterOrDigit(peek()) || peek() == '.' || peek() == '_') {
            advance();
        }
        String text = source.substring(start, current);
        add(KEYWORDS.getOrDefault(text, Token.Type.NAME));
    }

    /**
     * A path runs to the next comma, closing parenthesis or blank that is not inside brackets,
     * quotes or a filter's parentheses, so {@code $.a[?(@.b == 'x, y')]} stays one token.
     */
    private void path() {
        int brackets = 0;
        int parens = 0;
        while (!isAtEnd()) {
            char c = peek();
            if (brackets == 0 && parens == 0 && (c == ',' || c == ')' || Character.isWhitespace(c))) {
                break;
            }
            if (c == '\'' || c == '"') {
                skipQuoted(c);
                continue;
            }
            if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets--;
            } else if (c == '(') {
                parens++;
            } else if (c == ')') {
                parens--;
            }
            advance();
        }
        if (brackets != 0 || parens != 0) {
            throw error("Unbalanced brackets in path", start);
        }
        add(Token.Type.PATH);
    }

    private void skipQuoted(char quote) {
        int open = current;
        advance();
        while (!isAtEnd() && peek() != quote) {
            if (advance() == '\\' && !isAtEnd()) {
                advance();
            }
        }
        if (isAtEnd()) {
            throw error("Unterminated quoted name in path", open);
        }
        advance();
    }

    private void add(Token.Type type) {
        tokens.add(Token.of(type, source.substring(start, current), start));
    }

    private boolean isAtEnd() {
        return current >= source.length();
    }

    private char advance() {
        return source.charAt(current++);
    }

    private char peek() {
        return isAtEnd() ? '\0' : source.charAt(current);
    }

    private char peekNext() {
        return current + 1 >= source.length() ? '\0' : source.charAt(current + 1);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static IntrinsicSyntaxException error(String message, int position) {
        return new IntrinsicSyntaxException(message, position);
    }
}
