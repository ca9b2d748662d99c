package io.stepstream.asl.jsonata;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.JFunction;
import io.stepstream.asl.eval.Entropy;
import io.stepstream.asl.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The functions Step Functions adds to JSONata 2.0.6 ({@code $partition}, {@code $range},
 * {@code $hash}, {@code $random} with a seed, {@code $uuid}, {@code $parse}), the removal of
 * {@code $eval}, and {@code $now}/{@code $millis}/{@code $random}/{@code $uuid} bound to the
 * event's time and the execution's entropy instead of the clock and {@link Math#random()}.
 * Non-integer arguments are truncated towards zero and degenerate arguments give undefined, as
 * AWS does.
 */
final class StepFunctionsFunctions {

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private StepFunctionsFunctions() {}

    /** Binds what every evaluation shares, once per compiled expression. */
    static void registerStatic(Jsonata compiled) {
        compiled.registerFunction("partition", new JFunction((input, args) -> partition(args), "<an:a>"));
        compiled.registerFunction("range", new JFunction((input, args) -> range(args), "<nnn?:j>"));
        compiled.registerFunction("hash", new JFunction((input, args) -> hash(args), "<ss?:s>"));
        compiled.registerFunction("parse", new JFunction((input, args) -> parse(args), "<s:j>"));
        // AWS offers every JSONata 2.0.6 function but $eval: calling it is T1006, like any non-function.
        compiled.assign("eval", null);
    }

    /**
     * Binds the functions that read the event's time and the execution's entropy, those of them
     * that {@code names} (the expression's variable references) mention: building them is the
     * larger part of a simple evaluation's cost.
     */
    static void bindPerEvaluation(Jsonata.Frame frame, Set<String> names, long nowEpochMillis, Entropy entropy) {
        if (names.contains("now")) {
            frame.bind("now", new JFunction((input, args) -> Functions.dateTimeFromMillis(
                    nowEpochMillis, arg(args, 0, String.class), arg(args, 1, String.class)), "<s?s?:s>"));
        }
        if (names.contains("millis")) {
            frame.bind("millis", new JFunction((input, args) -> nowEpochMillis, "<:n>"));
        }
        if (names.contains("random")) {
            frame.bind("random", new JFunction((input, args) -> random(args, entropy), "<n?:n>"));
        }
        if (names.contains("uuid")) {
            frame.bind("uuid", new JFunction((input, args) -> entropy.uuid().toString(), "<:s>"));
        }
    }

    private static Object partition(List<?> args) {
        List<?> array = arg(args, 0, List.class);
        Number size = arg(args, 1, Number.class);
        if (array == null || size == null || array.isEmpty() || size.longValue() <= 0) {
            return null;
        }
        int chunk = (int) Math.min(size.longValue(), Integer.MAX_VALUE);
        List<Object> chunks = new ArrayList<>();
        for (int from = 0; from < array.size(); from += chunk) {
            chunks.add(new ArrayList<>(array.subList(from, Math.min(array.size(), from + chunk))));
        }
        return chunks;
    }

    private static Object range(List<?> args) {
        Number first = arg(args, 0, Number.class);
        Number last = arg(args, 1, Number.class);
        Number step = arg(args, 2, Number.class);
        if (first == null || last == null || step == null) {
            return null;
        }
        long from = first.longValue();
        long to = last.longValue();
        long by = step.longValue();
        if (by == 0 || (by > 0 && from > to) || (by < 0 && from < to)) {
            return null;
        }
        long count = (to - from) / by + 1;
        // Checked before allocating: AWS refuses $range past 360,145 elements with its memory error.
        if (count > EvaluationBudget.MAX_RANGE_ELEMENTS) {
            throw EvaluationFailure.memoryLimit();
        }
        if (count == 1) {
            return integer(from);
        }
        List<Object> values = new ArrayList<>((int) count);
        for (long i = 0, value = from; i < count; i++, value += by) {
            values.add(integer(value));
        }
        return values;
    }

    private static Object hash(List<?> args) {
        String data = arg(args, 0, String.class);
        String algorithm = arg(args, 1, String.class);
        if (data == null || algorithm == null) {
            return null;
        }
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw EvaluationFailure.uncoded("The hash algorithm '" + algorithm
                    + "' is not supported; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JVM lacks " + algorithm, e);
        }
    }

    private static Object parse(List<?> args) {
        String text = arg(args, 0, String.class);
        if (text == null) {
            return null;
        }
        try {
            return JsonataValues.toJava(Json.parse(text));
        } catch (Json.InvalidJsonException e) {
            throw EvaluationFailure.uncoded("Unable to parse the JSON string: " + e.getMessage());
        }
    }

    private static Object random(List<?> args, Entropy entropy) {
        Number seed = arg(args, 0, Number.class);
        if (seed != null) {
            // AWS's seeded $random is java.util.Random: seed 42 gives 0.7275636800328681.
            return new Random(seed.longValue()).nextDouble();
        }
        return (entropy.nextLong() >>> 11) * 0x1.0p-53;
    }

    private static Number integer(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Number) (int) value : (Number) value;
    }

    private static <T> T arg(List<?> args, int index, Class<T> type) {
        if (args == null || index >= args.size()) {
            return null;
        }
        Object value = args.get(index);
        return type.isInstance(value) ? type.cast(value) : null;
    }
}
