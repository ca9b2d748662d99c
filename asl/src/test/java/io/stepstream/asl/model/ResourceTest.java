package io.stepstream.asl.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ResourceTest {
    @Test
    void namesTheServiceIntegrationWithoutItsPatternSuffix() {
        assertEquals("states:startExecution", Resource.parse("arn:aws:states:::states:startExecution").integration());
        assertEquals("states:startExecution",
                Resource.parse("arn:aws-us-gov:states:::states:startExecution.sync:2").integration());
        assertEquals("states:startExecution", Resource.parse("arn:aws:states:::states:startExecution.sync").integration());
        assertEquals("sqs:sendMessage", Resource.parse("arn:aws:states:::sqs:sendMessage.waitForTaskToken").integration());
        assertEquals("aws-sdk:s3:getObject", Resource.parse("arn:aws:states:::aws-sdk:s3:getObject").integration());
        assertEquals("kafka:produce", Resource.parse("arn:stepstream:states:::kafka:produce").integration());
        Resource start = Resource.parse("arn:aws:states:::states:startExecution.sync:2");
        assertEquals(Resource.Pattern.SYNC_V2, start.pattern());
        assertEquals(Resource.Kind.SERVICE, start.kind());
    }

    @Test
    void namesNoIntegrationForFunctionsActivitiesOrOtherArns() {
        assertNull(Resource.parse("arn:aws:lambda:us-east-1:111111111111:function:f").integration());
        assertNull(Resource.parse("arn:aws:states:us-east-1:111111111111:activity:a").integration());
        assertNull(Resource.parse("arn:aws:states:us-east-1:111111111111:stateMachine:startExecution").integration());
        assertNull(Resource.parse("arn:aws:states:::").integration());
    }
}
