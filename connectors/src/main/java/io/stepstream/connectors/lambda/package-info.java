/** Lambda: {@code arn:aws:lambda:...:function:NAME} and {@code arn:aws:states:::lambda:invoke}. */
package io.stepstream.connectors.lambda;
