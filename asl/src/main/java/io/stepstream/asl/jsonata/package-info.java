/**
 * JSONata as AWS Step Functions runs it: {@link io.stepstream.asl.jsonata.JsonataExpression} for
 * one {@code {% ... %}} expression, {@link io.stepstream.asl.jsonata.JsonataTemplate} for a
 * JSONata-mode field, evaluated in a {@link io.stepstream.asl.jsonata.JsonataEnvironment} within
 * an {@link io.stepstream.asl.jsonata.EvaluationBudget}. Built on com.dashjoin:jsonata; the rest
 * of the package adapts it (value conversion, the Step Functions functions, the compile-time
 * checks, the budget, the shortcuts that evaluate the common expressions straight on the Jackson
 * trees and leave everything else to the library) and is package-private.
 */
package io.stepstream.asl.jsonata;
