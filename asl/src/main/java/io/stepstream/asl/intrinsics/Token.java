package io.stepstream.asl.intrinsics;

/**
 * A lexeme of an intrinsic expression.
 *
 * @param type what the lexeme is
 * @param lexeme the source text, exactly as written (for strings: between the quotes, escapes kept)
 * @param value the decoded text of a string literal (escapes resolved); null for other tokens
 * @param position the offset of the lexeme's first character in the expression
 */
record Token(Type type, String lexeme, String value, int position) {

    enum Type {
        LEFT_PAREN, RIGHT_PAREN, COMMA,
        NAME, STRING, NUMBER, PATH,
        TRUE, FALSE, NULL,
        EOF
    }

    static Token of(Type type, String lexeme, int position) {
        return new Token(type, lexeme, null, position);
    }
}
