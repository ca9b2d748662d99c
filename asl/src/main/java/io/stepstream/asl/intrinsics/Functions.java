package io.stepstream.asl.intrinsics;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The 18 {@code States.*} functions AWS provides, by name. Names are case-sensitive. */
final class Functions {

    private static final Map<String, IntrinsicFunction> BY_NAME = List.of(
                    new StatesFormat(),
                    new StatesStringToJson(),
                    new StatesJsonToString(),
                    new StatesArray(),
                    new StatesArrayPartition(),
                    new StatesArrayContains(),
                    new StatesArrayRange(),
                    new StatesArrayGetItem(),
                    new StatesArrayLength(),
                    new StatesArrayUnique(),
                    new StatesBase64Encode(),
                    new StatesBase64Decode(),
                    new StatesHash(),
                    new StatesJsonMerge(),
                    new StatesMathRandom(),
                    new StatesMathAdd(),
                    new StatesStringSplit(),
                    new StatesUuid())
            .stream()
            .collect(Collectors.toUnmodifiableMap(IntrinsicFunction::name, Function.identity()));

    private Functions() {}

    /** The function called {@code name}, or null. */
    static IntrinsicFunction named(String name) {
        return BY_NAME.get(name);
    }

    static int count() {
        return BY_NAME.size();
    }
}
