package io.stepstream.runtime;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test of the engine through {@link DrivenEngine}:
 * one engine with the default settings per test, in its own state directory.
 */
abstract class DrivenEngineTest {
    @TempDir
    Path stateDir;
    DrivenEngine engine;

    @BeforeEach
    void startEngine() {
        engine = new DrivenEngine(DrivenEngine.settings(), stateDir);
    }

    @AfterEach
    void stopEngine() {
        engine.close();
    }
}
