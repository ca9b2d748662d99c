package io.stepstream.asl.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs every recorded AWS case through the in-process interpreter, writes
 * {@code target/conformance-summary.txt}, then fails only when the score drops below the floor
 * ({@code -Dconformance.floor}, kept in asl/pom.xml and raised as features land).
 */
class ConformanceTest {

    @Test
    void scoreStaysAtOrAboveTheFloor() {
        Path folder = ConformanceCase.folder();
        assertTrue(Files.isDirectory(folder), "no conformance cases at " + folder);
        List<ConformanceCase> cases = ConformanceCase.readAll(folder);
        ConformanceScore score = ConformanceScore.run(cases, new InProcessExecutor());
        score.write(Path.of("target", "conformance-summary.txt"));
        System.out.print(score.summary());
        int floor = Integer.getInteger("conformance.floor", 0);
        assertTrue(score.passed() >= floor, "conformance fell below the floor: " + score.passed() + " passed < "
                + floor + "; see target/conformance-failures.txt");
    }
}
