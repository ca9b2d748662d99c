package io.stepstream.runtime.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stepstream.asl.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which task queue a Resource goes to, by the configured routes and then the defaults. */
class TaskQueuesTest {
    private final TaskQueues defaults = TaskQueues.defaults();

    @Test
    void anActivityHasAQueueNamedAfterIt() {
        assertEquals("approve", defaults.queue("arn:aws:states:us-east-1:123456789012:activity:approve"));
    }

    @Test
    void eachBuiltInConnectorHasItsOwnQueueWithOrWithoutACallback() {
        assertEquals("lambda", defaults.queue("arn:aws:lambda:us-east-1:123456789012:function:f"));
        assertEquals("lambda", defaults.queue("arn:aws:lambda:us-east-1:123456789012:function:f:prod"));
        assertEquals("lambda", defaults.queue("arn:aws:states:::lambda:invoke"));
        assertEquals("lambda", defaults.queue("arn:aws:states:::lambda:invoke.waitForTaskToken"));
        assertEquals("http", defaults.queue("arn:aws:states:::http:invoke"));
        assertEquals("sns", defaults.queue("arn:aws:states:::sns:publish.waitForTaskToken"));
        assertEquals("sqs", defaults.queue("arn:aws:states:::sqs:sendMessage"));
        assertEquals("events", defaults.queue("arn:aws:states:::events:putEvents"));
        assertEquals("kafka", defaults.queue("arn:stepstream:states:::kafka:produce"));
    }

    @Test
    void anythingElseGoesToTheDefaultQueue() {
        assertEquals(TaskQueues.DEFAULT, defaults.queue("arn:aws:states:::aws-sdk:s3:getObject"));
        assertEquals(TaskQueues.DEFAULT, defaults.queue("arn:aws:states:::http:invoke.waitForTaskToken"));
    }

    @Test
    void configuredRoutesComeBeforeTheDefaultsAndMayUseGroups() {
        TaskQueues queues = TaskQueues.of(List.of(
                TaskQueues.Route.of("arn:aws:states:::aws-sdk:([a-z]+):.*", "sdk-$1"),
                TaskQueues.Route.of("arn:aws:lambda:.*:function:billing", "billing")));
        assertEquals("sdk-dynamodb", queues.queue("arn:aws:states:::aws-sdk:dynamodb:putItem"));
        assertEquals("billing", queues.queue("arn:aws:lambda:us-east-1:1:function:billing"));
        assertEquals("lambda", queues.queue("arn:aws:lambda:us-east-1:1:function:other"));
        Set<String> fixed = queues.fixedQueues();
        assertTrue(fixed.containsAll(Set.of("default", "billing", "lambda", "http", "kafka")), fixed.toString());
        assertTrue(fixed.stream().noneMatch(q -> q.contains("$")), fixed.toString());
    }

    @Test
    void theQueuesOfADefinitionIncludeNestedStates() {
        assertEquals(Set.of("lambda", "check"), defaults.queues(Json.parse("""
                {"StartAt":"P","States":{"P":{"Type":"Parallel","End":true,"Branches":[
                  {"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},
                  {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"arn:aws:states:us-east-1:1:activity:check","End":true}}}]}}}""")));
    }
}
