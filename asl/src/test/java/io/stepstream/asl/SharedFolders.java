package io.stepstream.asl;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared case folders the tests read: {@code -Dconformance.cases} / {@code -Dvalidation.cases},
 * resolved against the project root ({@code stepstream.root}, set by the build) when relative.
 */
public final class SharedFolders {
    private SharedFolders() {}

    public static Path conformanceCases() {
        return resolve("conformance.cases", "../shared/conformance/cases");
    }

    public static Path validationCases() {
        return resolve("validation.cases", "../shared/validation/cases");
    }

    private static Path resolve(String property, String fallback) {
        Path path = Path.of(System.getProperty(property, fallback));
        if (!path.isAbsolute()) {
            path = Path.of(System.getProperty("stepstream.root", "..")).resolve(path).normalize();
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("No case folder at " + path.toAbsolutePath() + " (set -D" + property + ")");
        }
        return path;
    }
}
