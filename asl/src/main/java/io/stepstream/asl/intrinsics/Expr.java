package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import io.stepstream.asl.path.Path;
import java.util.List;

/** The syntax tree of an intrinsic expression: literals, paths and (nested) calls. */
sealed interface Expr {

    /** The offset of the node's first character in the expression. */
    int position();

    <R> R accept(Visitor<R> visitor);

    interface Visitor<R> {
        R visitString(StringLiteral expr);

        R visitNumber(NumberLiteral expr);

        R visitBoolean(BooleanLiteral expr);

        R visitNull(NullLiteral expr);

        R visitPath(PathArgument expr);

        R visitCall(Call expr);
    }

    /**
     * {@code 'text'}.
     *
     * @param value the text with its escapes resolved
     * @param raw the text as written between the quotes; States.Format needs it to tell an escaped
     *     {@code \{} from a placeholder
     */
    record StringLiteral(String value, String raw, int position) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitString(this);
        }
    }

    /** A JSON number, parsed once by the project's mapper so it has the type input numbers get. */
    record NumberLiteral(JsonNode value, int position) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNumber(this);
        }
    }

    record BooleanLiteral(boolean value, int position) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitBoolean(this);
        }
    }

    record NullLiteral(int position) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitNull(this);
        }
    }

    /** {@code $...}, {@code $$...} or {@code $name...}. */
    record PathArgument(Path path, int position) implements Expr {
        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitPath(this);
        }
    }

    record Call(IntrinsicFunction function, List<Expr> arguments, int position) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.visitCall(this);
        }
    }
}
