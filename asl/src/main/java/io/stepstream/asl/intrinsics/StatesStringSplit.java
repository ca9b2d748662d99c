package io.stepstream.asl.intrinsics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code States.StringSplit(text, delimiters)}: splits at every character that occurs in
 * {@code delimiters} (a set, not a separator string) and drops empty pieces, as AWS does
 * ({@code ",,,,"} gives {@code []}).
 */
final class StatesStringSplit extends IntrinsicFunction {

    StatesStringSplit() {
        super("States.StringSplit", Signature.of(ArgType.STRING, ArgType.STRING));
    }

    @Override
    JsonNode apply(Arguments args, Entropy entropy) {
        String text = args.text(0);
        Set<Integer> delimiters = args.text(1).codePoints().boxed().collect(Collectors.toSet());
        ArrayNode pieces = Json.NODES.arrayNode();
        StringBuilder piece = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (delimiters.contains(c)) {
                flush(piece, pieces);
            } else {
                piece.appendCodePoint(c);
            }
        });
        flush(piece, pieces);
        return pieces;
    }

    private static void flush(StringBuilder piece, ArrayNode pieces) {
        if (piece.length() > 0) {
            pieces.add(piece.toString());
            piece.setLength(0);
        }
    }
}
