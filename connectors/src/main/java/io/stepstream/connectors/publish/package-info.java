/** Publishing without code: SNS publish, SQS sendMessage, EventBridge putEvents and Kafka produce, all to Kafka topics. */
package io.stepstream.connectors.publish;
