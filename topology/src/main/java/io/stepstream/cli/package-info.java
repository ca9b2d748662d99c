/** The {@code ./stepstream} command line (picocli). */
package io.stepstream.cli;
