package io.stepstream.asl.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;

/**
 * Map states: the item processor (ItemProcessor, or the older Iterator), item source and
 * selection, concurrency, tolerated failures, Label, and the Distributed Map's ItemReader,
 * ItemBatcher and ResultWriter.
 */
final class MapRules {

    static final int MAX_LABEL_LENGTH = 40;
    static final long MAX_ITEMS = 100_000_000L;
    static final long MAX_BATCH_BYTES = 262_144L;

    /** Characters AWS forbids in a Label, besides whitespace and control characters. */
    private static final String LABEL_FORBIDDEN = "?*<>{}[]:;,\\^~$#%&|`\"";
    private static final Set<String> PROCESSOR_CONFIG_FIELDS = Set.of("Mode", "ExecutionType");
    private static final Set<String> READER_FIELDS = Set.of("Resource", "Parameters", "Arguments", "ReaderConfig");
    private static final Set<String> BATCHER_FIELDS = Set.of("MaxItemsPerBatch", "MaxItemsPerBatchPath",
            "MaxInputBytesPerBatch", "MaxInputBytesPerBatchPath", "BatchInput");
    private static final Set<String> WRITER_FIELDS = Set.of("Resource", "Parameters", "Arguments", "WriterConfig");

    static void check(StateValidator s) {
        processor(s);
        s.exclusive("Parameters", "ItemSelector");
        for (String selector : new String[] {"Parameters", "ItemSelector"}) {
            JsonNode value = s.field(selector);
            if (value != null) {
                template(value, s.at(selector), s);
            }
        }
        JsonNode items = s.field("Items");
        if (items != null) {
            Jsonata.check(items, s.at("Items"), s.out);
        }
        JsonNode itemsPath = s.field("ItemsPath");
        if (itemsPath != null) {
            // The one …Path field that may read the context object.
            PathRules.referencePath(itemsPath, s.at("ItemsPath"), true, true, s.out);
        }
        integer(s, "MaxConcurrency", 0, null);
        integer(s, "ToleratedFailureCount", 0, null);
        s.exclusive("ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        JsonNode percentage = s.field("ToleratedFailurePercentage");
        if (percentage != null) {
            Values.decimal(percentage, s.at("ToleratedFailurePercentage"), s.jsonata(), 0.0, 100.0, s.out);
        }
        numberPath(s, s.state, s.location, "ToleratedFailurePercentagePath");
        label(s);
        reader(s);
        batcher(s);
        writer(s);
    }

    private static void processor(StateValidator s) {
        boolean hasProcessor = s.state.has("ItemProcessor");
        boolean hasIterator = s.state.has("Iterator");
        if (hasProcessor && hasIterator) {
            s.out.onlyOne(s.location, "Iterator", "ItemProcessor");
            return;
        }
        if (!hasProcessor && !hasIterator) {
            s.out.required(s.location, "ItemProcessor");
            return;
        }
        String field = hasProcessor ? "ItemProcessor" : "Iterator";
        JsonNode processor = s.state.get(field);
        String location = s.at(field);
        boolean childrenExpress = s.express;
        JsonNode config = processor.get("ProcessorConfig");
        if (config != null) {
            childrenExpress = processorConfig(config, Loc.field(location, "ProcessorConfig"), s);
        }
        boolean distributed = config != null && config.path("Mode").asText("").equals("DISTRIBUTED");
        s.machine.block(processor, location, MachineValidator.BlockKind.PROCESSOR, childrenExpress,
                distributed ? Set.of() : s.variables);
    }

    /**
     * Mode and ExecutionType; returns whether the children run under Express rules (an Express
     * machine, or Distributed children run as Express executions).
     */
    private static boolean processorConfig(JsonNode config, String location, StateValidator s) {
        if (!config.isObject()) {
            s.out.expectedType("OBJECT", location);
            return s.express;
        }
        unsupported(config, PROCESSOR_CONFIG_FIELDS, location, s);
        JsonNode mode = config.get("Mode");
        if (mode != null && !(mode.isTextual() && Set.of("INLINE", "DISTRIBUTED").contains(mode.asText()))) {
            s.out.oneOfValues("Mode", Loc.field(location, "Mode"), "INLINE", "DISTRIBUTED");
        }
        JsonNode executionType = config.get("ExecutionType");
        if (executionType != null
                && !(executionType.isTextual() && Set.of("STANDARD", "EXPRESS").contains(executionType.asText()))) {
            s.out.oneOfValues("ExecutionType", Loc.field(location, "ExecutionType"), "STANDARD", "EXPRESS");
        }
        boolean distributed = mode != null && mode.asText("").equals("DISTRIBUTED");
        if (!distributed) {
            return s.express;
        }
        if (s.express) {
            s.out.schema("Express state machine does not support Distributed Map", Loc.field(location, "Mode"));
        }
        if (executionType == null) {
            s.out.required(location, "ExecutionType");
        }
        return s.express || (executionType != null && executionType.asText("").equals("EXPRESS"));
    }

    /** A count field and its Path variant: exclusive, a non-negative integer, a reference path. */
    private static void integer(StateValidator s, String field, long min, Long max) {
        s.exclusive(field, field + "Path");
        JsonNode value = s.field(field);
        if (value != null) {
            Values.integer(value, s.at(field), s.jsonata(), min, max, s.out);
        }
        numberPath(s, s.state, s.location, field + "Path");
    }

    /** A …Path field that resolves to a number: a reference path, never the context object. */
    private static void numberPath(StateValidator s, JsonNode owner, String location, String field) {
        JsonNode path = owner.get(field);
        if (path != null && !s.jsonata()) {
            PathRules.referencePath(path, Loc.field(location, field), false, true, s.out);
        }
    }

    private static void template(JsonNode value, String location, StateValidator s) {
        if (s.jsonata()) {
            Jsonata.check(value, location, s.out);
        } else {
            PayloadTemplates.check(value, location, s.out);
        }
    }

    private static void label(StateValidator s) {
        JsonNode label = s.state.get("Label");
        if (label == null) {
            return;
        }
        String location = s.at("Label");
        if (!label.isTextual()) {
            s.out.expectedType("STRING", location);
            return;
        }
        String text = label.asText();
        if (text.codePointCount(0, text.length()) > MAX_LABEL_LENGTH) {
            s.out.add(Codes.INVALID_LABEL_NAME, "Invalid Label name: Label '" + text + "' exceeds the "
                    + MAX_LABEL_LENGTH + "-character limit allowed by the service", location);
        } else if (text.isEmpty() || text.codePoints().anyMatch(MapRules::forbiddenInLabel)) {
            s.out.add(Codes.INVALID_LABEL_NAME, "Invalid Label name: Label '" + text
                    + "' contains characters that are not allowed", location);
        }
        if (!s.machine.claimLabel(text)) {
            s.out.add(Codes.DUPLICATE_LABEL_NAME, "Duplicate Label name: " + text, location);
        }
    }

    private static boolean forbiddenInLabel(int c) {
        return Character.isWhitespace(c) || Character.isISOControl(c) || LABEL_FORBIDDEN.indexOf(c) >= 0;
    }

    private static void reader(StateValidator s) {
        JsonNode reader = s.state.get("ItemReader");
        if (reader == null) {
            return;
        }
        String location = s.at("ItemReader");
        if (!objectWithFields(reader, READER_FIELDS, location, s)) {
            return;
        }
        JsonNode resource = reader.get("Resource");
        if (resource == null) {
            s.out.required(location, "Resource");
        } else if (!resource.isTextual() || !resource.asText().matches("arn:[a-z-]+:states:::s3:(getObject|listObjectsV2)")) {
            s.out.schema("The field 'Resource' does not match any of the allowed values. Examples: "
                    + "[arn:<partition>:states:::s3:getObject, arn:<partition>:states:::s3:listObjectsV2]",
                    Loc.field(location, "Resource"));
        }
        arguments(reader, location, s);
        JsonNode config = reader.get("ReaderConfig");
        if (config == null) {
            return;
        }
        String configLocation = Loc.field(location, "ReaderConfig");
        if (!config.isObject()) {
            s.out.expectedType("OBJECT", configLocation);
            return;
        }
        pair(config, "MaxItems", configLocation, 0, MAX_ITEMS, s);
        JsonNode inputType = config.get("InputType");
        if (inputType != null && !(inputType.isTextual()
                && Set.of("MANIFEST", "JSON", "CSV", "JSONL", "PARQUET").contains(inputType.asText()))) {
            s.out.oneOfValues("InputType", Loc.field(configLocation, "InputType"),
                    "MANIFEST", "JSON", "CSV", "JSONL", "PARQUET");
        }
    }

    private static void batcher(StateValidator s) {
        JsonNode batcher = s.state.get("ItemBatcher");
        if (batcher == null) {
            return;
        }
        String location = s.at("ItemBatcher");
        if (!objectWithFields(batcher, BATCHER_FIELDS, location, s)) {
            return;
        }
        if (!batcher.has("MaxItemsPerBatch") && !batcher.has("MaxItemsPerBatchPath")
                && !batcher.has("MaxInputBytesPerBatch") && !batcher.has("MaxInputBytesPerBatchPath")) {
            s.out.atLeastOne(location, "MaxItemsPerBatch", "MaxItemsPerBatchPath", "MaxInputBytesPerBatch",
                    "MaxInputBytesPerBatchPath");
        }
        pair(batcher, "MaxItemsPerBatch", location, 0, null, s);
        pair(batcher, "MaxInputBytesPerBatch", location, 0, MAX_BATCH_BYTES, s);
        JsonNode batchInput = batcher.get("BatchInput");
        if (batchInput != null) {
            template(batchInput, Loc.field(location, "BatchInput"), s);
        }
    }

    private static void writer(StateValidator s) {
        JsonNode writer = s.state.get("ResultWriter");
        if (writer == null) {
            return;
        }
        String location = s.at("ResultWriter");
        if (!objectWithFields(writer, WRITER_FIELDS, location, s)) {
            return;
        }
        String destination = s.jsonata() ? "Arguments" : "Parameters";
        if (!writer.has("WriterConfig") && !writer.has("Resource")) {
            s.out.atLeastOne(location, "Resource", "WriterConfig");
        } else if (writer.has("Resource") != writer.has(destination)) {
            s.out.required(location, writer.has("Resource") ? destination : "Resource");
        }
        JsonNode resource = writer.get("Resource");
        if (resource != null && !(resource.isTextual() && resource.asText().matches("arn:[a-z-]+:states:::s3:putObject"))) {
            s.out.schema(Resources.notRecognised(resource.asText()), Loc.field(location, "Resource"));
        }
        arguments(writer, location, s);
        JsonNode config = writer.get("WriterConfig");
        if (config != null && config.isObject()) {
            String configLocation = Loc.field(location, "WriterConfig");
            enumField(config, "Transformation", configLocation, s, "NONE", "COMPACT", "FLATTEN");
            enumField(config, "OutputType", configLocation, s, "JSON", "JSONL");
        } else if (config != null) {
            s.out.expectedType("OBJECT", Loc.field(location, "WriterConfig"));
        }
    }

    /** Parameters (JSONPath) or Arguments (JSONata) of an ItemReader or ResultWriter. */
    private static void arguments(JsonNode owner, String location, StateValidator s) {
        for (String field : new String[] {"Parameters", "Arguments"}) {
            JsonNode value = owner.get(field);
            if (value == null) {
                continue;
            }
            if (FieldRules.belongsToOtherLanguage(field, s.jsonata())) {
                s.out.schema(FieldRules.otherLanguage(field, s.jsonata()), location);
            } else {
                template(value, Loc.field(location, field), s);
            }
        }
    }

    /** A number field of a sub-object with its Path variant (MaxItems, MaxItemsPerBatch, ...). */
    private static void pair(JsonNode owner, String field, String location, long min, Long max, StateValidator s) {
        String pathField = field + "Path";
        if (owner.has(field) && owner.has(pathField)) {
            s.out.onlyOne(location, field, pathField);
        }
        JsonNode value = owner.get(field);
        if (value != null) {
            Values.integer(value, Loc.field(location, field), s.jsonata(), min, max, s.out);
        }
        if (owner.has(pathField) && s.jsonata()) {
            s.out.schema(FieldRules.otherLanguage(pathField, true), location);
        } else {
            numberPath(s, owner, location, pathField);
        }
    }

    private static void enumField(JsonNode owner, String field, String location, StateValidator s, String... values) {
        JsonNode value = owner.get(field);
        if (value != null && !(value.isTextual() && Set.of(values).contains(value.asText()))) {
            s.out.oneOfValues(field, Loc.field(location, field), values);
        }
    }

    private static boolean objectWithFields(JsonNode node, Set<String> allowed, String location, StateValidator s) {
        if (!node.isObject()) {
            s.out.expectedType("OBJECT", location);
            return false;
        }
        unsupported(node, allowed, location, s);
        return true;
    }

    private static void unsupported(JsonNode owner, Set<String> allowed, String location, StateValidator s) {
        for (Iterator<String> fields = owner.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!allowed.contains(field)) {
                s.out.notSupported(field, location);
            }
        }
    }

    private MapRules() {}
}
