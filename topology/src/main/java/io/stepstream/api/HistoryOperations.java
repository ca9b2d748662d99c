package io.stepstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stepstream.asl.json.Json;
import io.stepstream.schemas.avro.HistoryEvent;
import io.stepstream.schemas.avro.TransitionBatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * GetExecutionHistory from the history store (filled from the transitions topic): events in id
 * order or reversed, {@code maxResults} per page (default 100, at most 1000), {@code nextToken},
 * and {@code includeExecutionData=false} dropping inputs and outputs as AWS does.
 */
final class HistoryOperations {
    private final Api api;

    HistoryOperations(Api api) {
        this.api = api;
    }

    void registerWith(Dispatcher d) {
        d.register("GetExecutionHistory", c -> history(c.body()));
    }

    private JsonNode history(Body body) {
        String arn = body.required("executionArn");
        api.arns().execution(arn);
        List<TransitionBatch> batches = api.view().history(arn);
        if (batches.isEmpty()) {
            ExecutionOperations.find(api, arn); // ExecutionDoesNotExist, or one whose history is not read yet
        }
        List<HistoryEvent> events = new ArrayList<>();
        batches.forEach(b -> events.addAll(b.getEvents()));
        boolean reverse = body.bool("reverseOrder", false);
        if (reverse) {
            Collections.reverse(events);
        }
        boolean data = body.bool("includeExecutionData", true);
        Page<HistoryEvent> page = Page.of(events, e -> String.format("%012d",
                reverse ? Long.MAX_VALUE / 1_000_000 - e.getId() : e.getId()), body);
        ObjectNode out = Json.NODES.objectNode();
        ArrayNode items = out.putArray("events");
        page.items().forEach(e -> items.add(event(e, data)));
        page.writeToken(out);
        return out;
    }

    /** One event in AWS's shape: the details under the member AWS names for the type. */
    static ObjectNode event(HistoryEvent e, boolean includeData) {
        ObjectNode out = Json.NODES.objectNode().put("timestamp", Api.seconds(e.getTimestamp().toEpochMilli()))
                .put("type", e.getType()).put("id", e.getId()).put("previousEventId", e.getPreviousEventId());
        if (e.getDetails() != null) {
            ObjectNode details = (ObjectNode) Json.parse(e.getDetails());
            if (!includeData) {
                details.remove(List.of("input", "output", "inputDetails", "outputDetails"));
            }
            out.set(detailsMember(e.getType()), details);
        }
        return out;
    }

    /** {@code PassStateEntered} has {@code stateEnteredEventDetails}; others their own name's. */
    static String detailsMember(String type) {
        if (type.endsWith("StateEntered")) {
            return "stateEnteredEventDetails";
        }
        if (type.endsWith("StateExited")) {
            return "stateExitedEventDetails";
        }
        return Character.toLowerCase(type.charAt(0)) + type.substring(1) + "EventDetails";
    }
}
