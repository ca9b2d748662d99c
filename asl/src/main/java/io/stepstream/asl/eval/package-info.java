/** What evaluation sees: data, context object, variables, and the deterministic entropy source. */
package io.stepstream.asl.eval;
