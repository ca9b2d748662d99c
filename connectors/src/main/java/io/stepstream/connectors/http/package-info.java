/** The HTTP Task: {@code arn:aws:states:::http:invoke}. */
package io.stepstream.connectors.http;
